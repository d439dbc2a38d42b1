package io.reportingsuite.contracts.skatmq;

/**
 * The wire vocabulary of "SKAT's MQ" (SPEC §2.7, assumption A6) that forwarder-service and skat-simulator
 * share: JMS property names beyond those of {@link io.reportingsuite.contracts.messaging.MessageProperties}
 * (which SKAT's messages carry as well) and the values of the status queues EP_SK2 and EP_SK4. Queue names
 * are configuration in each service; the defaults are here so both sides start from the same.
 */
public final class SkatMq {

    /** Default EP_SK1 queue: SP → SKAT, one message per forsendelse. */
    public static final String EP_SK1_DEFAULT = "SKAT.EINDKOMST.INDBERETNING.DATA";
    /** Default EP_SK2 queue: SKAT → SP, technical receipt per EP_SK1 message. */
    public static final String EP_SK2_DEFAULT = "SKAT.EINDKOMST.INDBERETNING.STATUS";
    /** Default EP_SK3 queue: SKAT → SP, sumkvittering, fejladvisering and skattekort forsendelser. */
    public static final String EP_SK3_DEFAULT = "SKAT.EINDKOMST.RETUR.DATA";
    /** Default EP_SK4 queue: SP → SKAT, technical receipt per EP_SK3 message. */
    public static final String EP_SK4_DEFAULT = "SKAT.EINDKOMST.RETUR.STATUS";

    /** On EP_SK2 and EP_SK4 messages: one of {@link Status}. JMSCorrelationID = the answered JMSMessageID. */
    public static final String STATUS = "Status";
    /** On a REJECTED or FAILED status: a short technical reason, never payload. */
    public static final String REASON = "Reason";

    /** Values of {@link #STATUS}. */
    public enum Status {
        /** EP_SK2: SKAT took the forsendelse. */
        RECEIVED,
        /** EP_SK2: SKAT refused the message itself (not a content error: those come as fejladvisering). */
        REJECTED,
        /** EP_SK4: the platform took the return document. */
        PROCESSED,
        /** EP_SK4: the platform could not take it. */
        FAILED
    }

    private SkatMq() {
    }
}
