package io.reportingsuite.debt.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.debt.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Group commit of the sync queries' audit rows (REST, SOAP). A query reads the ledger with a plain SELECT
 * (no write, so no WAL flush), hands its audit rows to {@link #submit} and gives its answer only once the
 * returned future has completed: the rows are then committed, durably in the default mode. One writer thread
 * takes whatever rows are queued — at most {@link AuditConfig#groupMaxRows()}, waiting at most
 * {@link AuditConfig#groupMaxWait()} for more — and inserts them in one statement, one transaction: one WAL
 * flush per group instead of one per query. Rows that arrive while a group commits form the next group.
 * <p>
 * A failed group fails the future of every query in it (the query is then refused, never answered without its
 * audit row); a process crash loses only queued rows, whose queries were not answered. A query's rows are
 * never split over two groups.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);

    /*
     * One statement, one round trip, one (autocommit) transaction per group: the rows come in as arrays, in
     * submission order. set_config(..., true) is SET LOCAL: the commit mode of this transaction only
     * (AuditConfig#synchronousCommit), read by PostgreSQL when it commits; the CTE is joined so it is evaluated.
     */
    private static final String INSERT = "with commit_mode as (select set_config('synchronous_commit', ?, true) as v)"
            + " insert into query_audit (consumer, queried_at, employer, legal_context, result_code)"
            + " select r.consumer, r.queried_at, r.employer, r.legal_context, r.result_code"
            + " from unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[]) with ordinality"
            + " as r(consumer, queried_at, employer, legal_context, result_code, pos) cross join commit_mode"
            + " order by r.pos";

    /** Why a query gets no answer: its audit rows could not be committed. The text names no row's content. */
    public static final class AuditUnavailableException extends RuntimeException {
        AuditUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Pending(List<AuditRepository.Entry> entries, CompletableFuture<Void> committed) {
    }

    private final DataSource dataSource;
    private final AuditConfig config;
    private final BlockingQueue<Pending> queue;
    private final Counter groups;
    private final Counter failedGroups;
    private final DistributionSummary groupRows;
    private volatile boolean synchronousCommit;
    private volatile boolean open = true;
    private Thread writer;

    public AuditWriter(DataSource dataSource, AuditConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.synchronousCommit = config.synchronousCommit();
        this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
        this.groups = registry.counter("debt.audit.groups", "outcome", "committed");
        this.failedGroups = registry.counter("debt.audit.groups", "outcome", "failed");
        this.groupRows = DistributionSummary.builder("debt.audit.group.rows").register(registry);
    }

    void start(@Observes StartupEvent event) {
        writer = new Thread(this::run, "debt-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops taking rows, commits those queued (their queries are waiting) and stops the writer. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        open = false;
        if (writer != null) {
            writer.join(config.timeout().toMillis());
        }
    }

    /**
     * Switches the commit mode at run time (AuditConfig#synchronousCommit): the benchmark measures both modes in
     * one run.
     */
    public void synchronousCommit(boolean synchronous) {
        this.synchronousCommit = synchronous;
    }

    /** Committed groups so far (the {@code debt_audit_groups_total{outcome="committed"}} meter). */
    public long committedGroups() {
        return (long) groups.count();
    }

    /**
     * Queues one query's audit rows; the future completes when they are committed (in the writer's thread: do
     * the answer's work elsewhere), or exceptionally with an {@link AuditUnavailableException}.
     */
    public CompletableFuture<Void> submit(List<AuditRepository.Entry> entries) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (!open) {
            committed.completeExceptionally(new AuditUnavailableException("the service is stopping", null));
        } else if (!queue.offer(new Pending(entries, committed))) {
            committed.completeExceptionally(new AuditUnavailableException("the audit queue is full ("
                    + config.queueCapacity() + " queries waiting)", null));
        }
        return committed;
    }

    /** Blocks the calling worker thread (SOAP) until {@code committed} completes, at most AuditConfig#timeout. */
    public void await(CompletableFuture<Void> committed) {
        try {
            committed.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuditUnavailableException u ? u
                    : new AuditUnavailableException("the audit rows were not committed", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("the audit rows were not committed within " + config.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while the audit rows were committed", e);
        }
    }

    private void run() {
        long maxWait = config.groupMaxWait().toNanos();
        int maxRows = config.groupMaxRows();
        Pending carried = null;
        while (true) {
            Pending first;
            try {
                first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            carried = null;
            if (first == null) {
                if (!open && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            List<Pending> group = new ArrayList<>();
            group.add(first);
            int rows = first.entries().size();
            long deadline = System.nanoTime() + maxWait;
            while (rows < maxRows) {
                Pending next = queue.poll();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        next = queue.poll(left, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        next = null;
                    }
                    if (next == null) {
                        break;
                    }
                }
                if (rows + next.entries().size() > maxRows) {
                    carried = next; // a query's rows are never split: it opens the next group
                    break;
                }
                group.add(next);
                rows += next.entries().size();
            }
            commit(group, rows);
        }
    }

    private void commit(List<Pending> group, int rows) {
        try {
            insert(group, rows);
        } catch (Throwable e) {
            failedGroups.increment();
            // The SQL state only: a PostgreSQL message can quote a row's values.
            LOG.errorf("An audit group (%d rows of %d queries) was not committed (%s %s); its queries are refused.",
                    rows, group.size(), e.getClass().getSimpleName(),
                    e instanceof SQLException s ? s.getSQLState() : "");
            AuditUnavailableException failure = new AuditUnavailableException("the audit rows were not committed",
                    null);
            for (Pending p : group) {
                p.committed().completeExceptionally(failure);
            }
            return;
        }
        groups.increment();
        groupRows.record(rows);
        for (Pending p : group) {
            p.committed().complete(null);
        }
    }

    private void insert(List<Pending> group, int rows) throws SQLException {
        String[] consumer = new String[rows];
        String[] queriedAt = new String[rows];
        String[] employer = new String[rows];
        String[] legalContext = new String[rows];
        String[] resultCode = new String[rows];
        int i = 0;
        for (Pending p : group) {
            for (AuditRepository.Entry e : p.entries()) {
                consumer[i] = e.consumer();
                queriedAt[i] = e.queriedAt().toString();
                employer[i] = e.employer();
                legalContext[i] = e.legalContext();
                resultCode[i] = e.resultCode();
                i++;
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            // "on" makes the commit durable even where the server's default is off; "off" commits this group
            // asynchronously.
            ps.setString(1, synchronousCommit ? "on" : "off");
            ps.setArray(2, c.createArrayOf("text", consumer));
            ps.setArray(3, c.createArrayOf("text", queriedAt));
            ps.setArray(4, c.createArrayOf("text", employer));
            ps.setArray(5, c.createArrayOf("text", legalContext));
            ps.setArray(6, c.createArrayOf("text", resultCode));
            int inserted = ps.executeUpdate();
            if (inserted != rows) {
                throw new SQLException("inserted " + inserted + " audit rows of " + rows);
            }
        }
    }
}
