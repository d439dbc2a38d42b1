package io.reportingsuite.debt.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The query audit ({@code debt.audit.*}). A sync query (REST, SOAP) reads the ledger with a plain SELECT and
 * hands its audit rows to {@code store.AuditWriter}, which commits the rows of concurrent queries in one
 * transaction per group; the answer leaves only after its group's commit returned (group commit). A batch
 * chunk's audit rows commit with its results, in the chunk's transaction.
 */
@ConfigMapping(prefix = "debt.audit")
public interface AuditConfig {

    /**
     * true (default): every audit row is durable before the answer leaves (the group's commit waits for the WAL
     * flush, whatever the server's {@code synchronous_commit}). false: the group commits with
     * {@code synchronous_commit = off} for its transaction only — the answer does not wait for the WAL flush;
     * a PostgreSQL crash (not a debt-service crash) can then lose the audit rows of at most the last ~3 ×
     * {@code wal_writer_delay} (600 ms by default), never an answer or ledger data, never a partial row.
     */
    @WithDefault("true")
    boolean synchronousCommit();

    /** The most audit rows in one group (one transaction); a query's rows are never split over two groups. */
    @WithDefault("256")
    int groupMaxRows();

    /**
     * How long the writer waits for more rows once it holds one, before it commits a group smaller than
     * {@link #groupMaxRows()}. 0 (default): it commits what is queued at once; the rows arriving during that
     * commit (its WAL flush) form the next group, so groups grow with the load by themselves and a query alone
     * is not delayed. A wait only pays where the writer is idle between arrivals closer than the wait.
     */
    @WithDefault("0ms")
    Duration groupMaxWait();

    /** The most queries whose audit rows wait for a group; one more is refused at once (503 / SOAP fault). */
    @WithDefault("10000")
    int queueCapacity();

    /** How long an answer waits for its audit rows' commit before the query is refused (503 / SOAP fault). */
    @WithDefault("10s")
    Duration timeout();
}
