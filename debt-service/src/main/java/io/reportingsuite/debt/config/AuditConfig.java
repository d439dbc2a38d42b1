package io.reportingsuite.debt.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The query audit ({@code debt.audit.*}). Each sync query inserts its audit row in the same statement as the
 * read; that statement is its own transaction, so with PostgreSQL's default every query would wait for a WAL
 * flush (an fsync) before it is answered — the one disk wait a read-only query otherwise never has.
 */
@ConfigMapping(prefix = "debt.audit")
public interface AuditConfig {

    /**
     * true (default): every audit row is durable before the answer leaves (the database's own
     * {@code synchronous_commit}, on in PostgreSQL's default). false: the audit row commits with
     * {@code synchronous_commit = off} for that transaction only — the query does not wait for the WAL flush;
     * a PostgreSQL crash (not a debt-service crash) can then lose the audit rows of at most the last ~3 ×
     * {@code wal_writer_delay} (600 ms by default), never an answer or ledger data, never a partial row.
     */
    @WithDefault("true")
    boolean synchronousCommit();
}
