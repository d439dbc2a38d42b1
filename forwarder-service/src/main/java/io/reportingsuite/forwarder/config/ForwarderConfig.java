package io.reportingsuite.forwarder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The forwarder's settings. SKAT's MQ itself is the named JMS connection {@code quarkus.artemis."skat".*}
 * (URL, user, password), its queue names are {@link io.reportingsuite.skatmq.config.SkatMqQueues}
 * ({@code skat.mq.queue.*}, shared with skat-simulator); the suite's broker is the AMQP connector's {@code amqp-*}.
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

    /**
     * Deliveries of one forsendelse that fail with an unexpected error before the forwarder gives up on it:
     * the last one answers the case system with the platform fejladvisering 9002 and moves the message to
     * {@code DLQ.eindkomst.forsendelser}. Keep it at most the broker's max-delivery-attempts for the queue
     * (devstack: 10, its tests: 5), or the broker dead-letters the message before the answer is sent.
     */
    @WithDefault("3")
    int poisonAttempts();

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
}
