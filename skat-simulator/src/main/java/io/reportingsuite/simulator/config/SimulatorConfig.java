package io.reportingsuite.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The simulator's settings; SKAT's MQ itself is the named JMS connection {@code quarkus.artemis."skat".*}, its
 * queue names are {@link io.reportingsuite.skatmq.config.SkatMqQueues} ({@code skat.mq.queue.*}), shared
 * with forwarder-service.
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** How long after the EP_SK2 status SKAT's EP_SK3 answers appear (SKAT takes 1–2 days; 0 in tests). */
    @WithDefault("2s")
    Duration answerDelay();

    /** Parallel EP_SK1 consumers. */
    @WithDefault("1")
    int consumers();

    /** How many received forsendelser the admin list remembers. */
    @WithDefault("1000")
    int ledgerSize();
}
