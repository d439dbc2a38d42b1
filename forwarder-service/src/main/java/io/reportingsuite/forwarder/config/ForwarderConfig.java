package io.reportingsuite.forwarder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

    /** Large forsendelser: {@code eindkomst.forsendelser.large}, consumed with JMS over the broker's core protocol. */
    Large large();

    /**
     * The JMS side for forsendelser above ingest's {@code ingest.large-message-threshold}. The suite broker's
     * core URL and credentials are the named JMS connection {@code quarkus.artemis."suite".*}.
     */
    interface Large {

        /** Parallel consumers of {@code eindkomst.forsendelser.large}; each needs room for one file on disk. */
        @WithDefault("1")
        int consumers();

        /**
         * Where a large forsendelse is written while it is checked (SHA-256, record 1000) and sent to SKAT's MQ;
         * deleted afterwards. Default: the JVM's temporary directory. Needs the largest file's size per consumer.
         */
        Optional<Path> tempDir();

        /**
         * The suite broker's dead-letter address: a large forsendelse that will never reach SKAT is copied there
         * (with {@code _AMQ_ORIG_ADDRESS}, as the broker itself dead-letters) so it lands in
         * {@code DLQ.eindkomst.forsendelser.large} at once, without being transferred again by redeliveries.
         */
        @WithDefault("DLA")
        String deadLetterAddress();
    }

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
