package io.reportingsuite.skatmq.config;

import io.reportingsuite.contracts.skatmq.SkatMq;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Queue names on SKAT's MQ (SPEC §2.7, assumption A6), one definition for both sides of it: forwarder-service
 * and skat-simulator read the same keys {@code skat.mq.queue.*} (environment {@code SKAT_MQ_QUEUE_*}, as the
 * Helm chart renders {@code skatMq.queues}). SKAT's MQ itself is each service's named JMS connection
 * {@code quarkus.artemis."skat".*}.
 */
@ConfigMapping(prefix = "skat.mq.queue")
public interface SkatMqQueues {

    /** EP_SK1: forsendelser from the platform to SKAT. */
    @WithDefault(SkatMq.EP_SK1_DEFAULT)
    String indberetningData();

    /** EP_SK2: SKAT's status per EP_SK1 message. */
    @WithDefault(SkatMq.EP_SK2_DEFAULT)
    String indberetningStatus();

    /** EP_SK3: sumkvittering, fejladvisering and skattekort forsendelser from SKAT. */
    @WithDefault(SkatMq.EP_SK3_DEFAULT)
    String returData();

    /** EP_SK4: the platform's status per EP_SK3 message. */
    @WithDefault(SkatMq.EP_SK4_DEFAULT)
    String returStatus();
}
