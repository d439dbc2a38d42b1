package io.reportingsuite.simulator.config;

import io.reportingsuite.contracts.skatmq.SkatMq;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The simulator's settings; SKAT's MQ itself is the named JMS connection {@code quarkus.artemis."skat".*}. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** SKAT's queue names. */
    Queues queues();

    /** How long after the EP_SK2 status SKAT's EP_SK3 answers appear (SKAT takes 1–2 days; 0 in tests). */
    @WithDefault("2s")
    Duration answerDelay();

    /** Parallel EP_SK1 consumers. */
    @WithDefault("1")
    int consumers();

    /** How many received forsendelser the admin list remembers. */
    @WithDefault("1000")
    int ledgerSize();

    /** Queue names on SKAT's MQ (SPEC §2.7, assumption A6). */
    interface Queues {

        /** EP_SK1: forsendelser from the platform. */
        @WithDefault(SkatMq.EP_SK1_DEFAULT)
        String indberetningData();

        /** EP_SK2: SKAT's status per EP_SK1 message. */
        @WithDefault(SkatMq.EP_SK2_DEFAULT)
        String indberetningStatus();

        /** EP_SK3: sumkvittering, fejladvisering and skattekort forsendelser. */
        @WithDefault(SkatMq.EP_SK3_DEFAULT)
        String returData();

        /** EP_SK4: the platform's status per EP_SK3 message. */
        @WithDefault(SkatMq.EP_SK4_DEFAULT)
        String returStatus();
    }
}
