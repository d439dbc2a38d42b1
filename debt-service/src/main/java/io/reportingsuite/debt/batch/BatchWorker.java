package io.reportingsuite.debt.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.debt.config.DebtConfig;
import io.reportingsuite.debt.security.Consumers;
import io.reportingsuite.debt.service.BalanceAnswer;
import io.reportingsuite.debt.service.BalanceService;
import io.reportingsuite.debt.service.DebtMetrics;
import io.reportingsuite.debt.store.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Works through pending batches a chunk at a time (SPEC §6.4). Each chunk's results, its audit entries and
 * the progress counter are committed together under the batch row's lock ({@code for update skip locked}),
 * so several instances share the work and a restart resumes after the last committed chunk: nothing is lost,
 * nothing computed twice is stored twice. AMQP batches then publish each complete group once to
 * {@code debt.batch-results} (duplicate-detection id batchId:group; a resend after a crash is dropped by
 * the broker) and record it only after the broker settled it.
 */
@ApplicationScoped
public class BatchWorker {

    private static final Logger LOG = Logger.getLogger(BatchWorker.class);

    private final BatchRepository batches;
    private final BalanceService balances;
    private final AuditRepository audit;
    private final Consumers consumers;
    private final BatchResultPublisher publisher;
    private final DebtConfig config;
    private final ObjectMapper json;
    private final DebtMetrics metrics;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    public BatchWorker(BatchRepository batches, BalanceService balances, AuditRepository audit, Consumers consumers,
            BatchResultPublisher publisher, DebtConfig config, ObjectMapper json, DebtMetrics metrics, Clock clock) {
        this.batches = batches;
        this.balances = balances;
        this.audit = audit;
        this.consumers = consumers;
        this.publisher = publisher;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.batch().workerEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the worker thread (idempotent). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "debt-batch-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the worker as a crash would: the chunk in progress is not committed (its transaction is rolled
     * back) and is computed again by whoever resumes the batch.
     */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        t.interrupt();
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    public boolean isRunning() {
        return thread != null;
    }

    /** A new batch was stored: look at once instead of at the next poll. */
    public void wakeUp() {
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            try {
                if (!step()) {
                    wakeUp.tryAcquire(1, TimeUnit.SECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("batch worker step failed (%s); retrying", e.getClass().getSimpleName());
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One chunk or one group of one batch; false when there was nothing to do. */
    boolean step() throws SQLException, InterruptedException {
        try (Connection c = batches.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean worked = stepLocked(c);
                if (!running) {
                    // Stopped mid-chunk: behave as a crash, commit nothing.
                    c.rollback();
                    throw new InterruptedException("stopped");
                }
                c.commit();
                return worked;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean stepLocked(Connection c) throws SQLException, InterruptedException {
        Optional<DebtBatch> next = batches.lockNext(c);
        if (next.isEmpty()) {
            return false;
        }
        DebtBatch b = next.get();
        if (DebtBatch.AMQP.equals(b.source()) && b.groupsSent() < b.groupsReady()) {
            publishGroup(c, b, b.groupsSent());
            return true;
        }
        if (b.done() < b.total()) {
            computeChunk(c, b);
        }
        return true;
    }

    private void computeChunk(Connection c, DebtBatch b) throws SQLException {
        int from = b.done();
        int to = Math.min(b.total(), from + config.batch().chunkSize());
        List<BatchItem> items = batches.items(c, b.id(), from, to);
        List<BalanceService.Item> queries = new ArrayList<>(items.size());
        for (BatchItem item : items) {
            queries.add(new BalanceService.Item(item.employer(), b.closingDate()));
        }
        List<BalanceAnswer> answers;
        if (consumers.allowed(b.consumer(), b.legalContext())) {
            answers = balances.compute(b.legalContext(), queries);
        } else {
            BalanceAnswer refused = BalanceAnswer.failed("NOT_AUTHORIZED", null, b.legalContext().name(), null);
            answers = queries.stream().map(q -> refused).toList();
        }
        List<String> results = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            ObjectNode r = json.createObjectNode();
            r.put("position", from + i);
            r.set("item", json.valueToTree(items.get(i)));
            r.set("answer", json.valueToTree(answers.get(i)));
            results.add(r.toString());
        }
        batches.storeChunk(c, b, from, results, clock.instant());
        audit.record(c, balances.auditEntries(b.consumer(), b.legalContext(), queries, answers));
        metrics.answered(DebtMetrics.Channel.BATCH, b.legalContext(), answers);
    }

    private void publishGroup(Connection c, DebtBatch b, int group) throws SQLException, InterruptedException {
        int from = group * b.groupSize();
        int to = Math.min(b.total(), from + b.groupSize());
        ObjectNode doc = json.createObjectNode();
        doc.put("type", "DebtBatchResults");
        doc.put("version", 1);
        doc.put("batchId", b.id().toString());
        if (b.requestId() != null) {
            doc.put("requestId", b.requestId());
        }
        doc.put("consumer", b.consumer());
        if (b.environment() != null) {
            doc.put("environment", b.environment());
        }
        if (b.mandant() != null) {
            doc.put("mandant", b.mandant());
        }
        doc.put("legalContext", b.legalContext().name());
        doc.put("group", group);
        doc.put("groups", b.groups());
        doc.put("total", b.total());
        var list = doc.putArray("results");
        for (String r : batches.results(c, b.id(), from, to)) {
            try {
                list.add(json.readTree(r));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored batch result is not JSON", e);
            }
        }
        publisher.publish(b.id() + ":" + group, doc.toString());
        batches.groupSent(c, b.id(), group);
    }
}
