package io.reportingsuite.contracts.messaging;

import java.util.List;

/**
 * The AMQP addresses of the suite's internal broker (ARCHITECTURE §2, §3). Work queues are anycast:
 * each message is taken by exactly one consumer, and nothing sent to them is lost while no consumer is
 * attached. {@link #TRACKING} is multicast: every subscriber sees every event.
 */
public final class Addresses {

    /** ingest-service → forwarder-service: accepted forsendelser, raw record bytes. */
    public static final String FORSENDELSER = "eindkomst.forsendelser";
    /**
     * ingest-service → forwarder-service: forsendelser above ingest's large-message threshold (EP_FS2 files),
     * sent and consumed over the broker's core protocol (JMS) as Artemis large messages, streamed from and to
     * disk: the AMQP clients hold a whole message in memory. Same properties as {@link #FORSENDELSER}.
     */
    public static final String FORSENDELSER_LARGE = "eindkomst.forsendelser.large";
    /** forwarder-service → receipt-service: SKAT's return documents and the platform's own fejladvisering. */
    public static final String RETUR = "eindkomst.retur";
    /** ingest-service → debt-service: Belgian social-debt batch requests. */
    public static final String DEBT_BATCH_REQUESTS = "debt.batch-requests";
    /** debt-service → receipt-service: grouped social-debt answers. */
    public static final String DEBT_BATCH_RESULTS = "debt.batch-results";
    /**
     * receipt-service → ingest-service: rendered and signed answer files for the Belgian batch channel (JSON
     * {@code BatchAnswer} with the FO content and its FS signature); the channel host writes them into the
     * sender's OUT/OUTTEST.
     */
    public static final String BATCH_ANSWERS = "batch.answers";
    /**
     * ingest-service → the Federal Learning Account processor (outside this suite): positively acknowledged FLA
     * transmissions of the batch channel, byte-identical.
     */
    public static final String BATCH_FLA = "batch.fla";
    /** every service → ingest-service (and anyone listening): track-and-trace events, JSON. */
    public static final String TRACKING = "suite.tracking";

    /** The anycast work queues, in the order of the flow. */
    public static final List<String> WORK_QUEUES = List.of(FORSENDELSER, FORSENDELSER_LARGE, RETUR,
            DEBT_BATCH_REQUESTS, DEBT_BATCH_RESULTS, BATCH_ANSWERS, BATCH_FLA);

    /** The multicast addresses. */
    public static final List<String> MULTICAST = List.of(TRACKING);

    private Addresses() {
    }
}
