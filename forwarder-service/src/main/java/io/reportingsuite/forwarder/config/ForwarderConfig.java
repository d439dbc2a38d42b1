package io.reportingsuite.forwarder.config;

import io.reportingsuite.contracts.skatmq.SkatMq;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The forwarder's settings. SKAT's MQ itself is the named JMS connection {@code quarkus.artemis."skat".*}
 * (URL, user, password); the suite's broker is the AMQP connector's {@code amqp-*}.
 */
@ConfigMapping(prefix = "forwarder")
public interface ForwarderConfig {

    /**
     * How long a forsendelse is retried while SKAT's MQ cannot be reached, counted from its first failed
     * attempt (SPEC §2.7); afterwards the platform's fejladvisering 9001 goes to the case system.
     */
    @WithDefault("4h")
    Duration mqRetryWindow();

    /** Back-off between attempts while SKAT's MQ is unreachable. */
    Retry retry();

    /** SKAT's queue names. */
    Queues queues();

    /** Parallel consumers of EP_SK3 (SKAT's return data). */
    @WithDefault("1")
    int returnConsumers();

    /** How long to wait for the suite's broker to settle a message on {@code eindkomst.retur} or tracking. */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * On a graceful shutdown, how long to wait for the forsendelser in flight to be sent to EP_SK1 and
     * acknowledged on {@code eindkomst.forsendelser} before the connection closes; one still in flight then
     * is redelivered after the restart (and may reach SKAT twice). Keep it below the orchestrator's grace period.
     */
    @WithDefault("20s")
    Duration shutdownDrainTimeout();

    /** Exponential back-off with jitter. */
    interface Retry {

        /** Wait before the second attempt. */
        @WithDefault("5s")
        Duration initialDelay();

        /** Upper bound of the wait between attempts. */
        @WithDefault("5m")
        Duration maxDelay();

        /** Factor between consecutive waits. */
        @WithDefault("2.0")
        double multiplier();

        /** Random spread of each wait, as a fraction (0.2 = ±20 %), so replicas do not retry in step. */
        @WithDefault("0.2")
        double jitter();
    }

    /** Queue names on SKAT's MQ (SPEC §2.7, assumption A6). */
    interface Queues {

        /** EP_SK1: forsendelser to SKAT. */
        @WithDefault(SkatMq.EP_SK1_DEFAULT)
        String indberetningData();

        /** EP_SK2: SKAT's status per EP_SK1 message. */
        @WithDefault(SkatMq.EP_SK2_DEFAULT)
        String indberetningStatus();

        /** EP_SK3: sumkvittering, fejladvisering and skattekort from SKAT. */
        @WithDefault(SkatMq.EP_SK3_DEFAULT)
        String returData();

        /** EP_SK4: the platform's status per EP_SK3 message. */
        @WithDefault(SkatMq.EP_SK4_DEFAULT)
        String returStatus();
    }
}
