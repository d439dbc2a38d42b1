package io.reportingsuite.receipt.notification;

import io.micrometer.core.instrument.Gauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.reportingsuite.support.tracing.MessageSpans;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.returfile.Delivery;
import io.reportingsuite.receipt.returfile.DeliveryLog;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.tracking.TrackingPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.PreDestroy;
import org.jboss.logging.Logger;

/**
 * Sends the notifications the delivery log holds as due, and keeps trying with exponential back-off until
 * the case system accepts one. State lives only in PostgreSQL, so a restart continues where it stopped.
 * Every attempt and the final delivery are reported on {@code suite.tracking} as {@code
 * CASE_SYSTEM_NOTIFIED} with the attributes {@code attempt} and {@code outcome} ({@code failed} /
 * {@code delivered}).
 *
 * <p>Each attempt is a span {@code case-system notify} (kind CLIENT) whose parent is the span that wrote the
 * return file (its W3C context is kept in the delivery log), so the notification continues the forsendelse's
 * trace. Recorded: the HovedIndberetningID, the attempt number, the outcome and a failure's exception type.
 *
 * <p>Meters: {@code receipt_notification_attempts_total} by {@code outcome}, and after every pass the backlog
 * gauges {@code receipt_notification_backlog} (return files whose case system is not yet told, across every
 * instance: read from the delivery log) and {@code receipt_notification_backlog_oldest_seconds} (how long the
 * oldest of them has waited since its return document arrived; 0 without a backlog).
 *
 * <p>Draining: a run takes due notifications in passes of {@code receipt.notification.batch-size}, one
 * transaction each (so progress is committed as it goes and another instance's {@code SKIP LOCKED} passes
 * work beside it), and goes on while a pass was full — a backlog drains at the case systems' pace, not at
 * one batch per poll interval (it drained at 20 per 2 s before); {@code receipt.notification.concurrency}
 * passes run side by side, each on its own rows, so slow case-system endpoints are called in parallel. A run starts on the poll interval and at
 * once when a return file becomes due ({@link #wake()}, called by the file writer after its commit), on
 * one dispatcher thread per instance; a wake-up during a run makes the run look again before it ends.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final DeliveryLog log;
    private final CaseSystemRegistry registry;
    private final CaseSystemNotifier notifier;
    private final TrackingPublisher tracking;
    private final MeterRegistry metrics;
    private final ReceiptConfig config;
    private final Clock clock;
    private final Tracer tracer;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();
    /** A run is in progress on some thread (the scheduler's or the wake-up thread). */
    private final AtomicBoolean running = new AtomicBoolean();
    /** Something may have become due since the current run last looked. */
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(runnable -> daemon(runnable,
            "notification-dispatcher"));
    /** The side-by-side passes of a run beyond the one on the run's own thread. */
    private final ExecutorService passes;

    public NotificationDispatcher(DeliveryLog log, CaseSystemRegistry registry, CaseSystemNotifier notifier,
                                  TrackingPublisher tracking, MeterRegistry metrics, ReceiptConfig config,
                                  Clock clock, Tracer tracer) {
        this.log = log;
        this.registry = registry;
        this.notifier = notifier;
        this.tracking = tracking;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.tracer = tracer;
        this.passes = Executors.newFixedThreadPool(Math.max(1, config.notification().concurrency() - 1),
                runnable -> daemon(runnable, "notification-pass"));
        Gauge.builder("receipt.notification.backlog", backlog, AtomicLong::get)
                .description("Return files whose case system has not yet been notified (PENDING in the delivery log)")
                .register(metrics);
        Gauge.builder("receipt.notification.backlog.oldest.seconds", oldestMillis, millis -> millis.get() / 1000.0)
                .description("How long the oldest pending notification has waited since its return document arrived")
                .register(metrics);
    }

    @Scheduled(every = "${receipt.notification.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        drain();
    }

    /** A notification became due: start a run now (on the dispatcher thread) unless one is running. */
    public void wake() {
        lookAgain.set(true);
        if (running.get()) {
            return;
        }
        try {
            wakeUps.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            // the next start's first poll sends it
        }
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
        passes.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Dispatches until nothing due is left: full passes are followed by another pass, a wake-up during the run
     * by another look. One run at a time per instance.
     */
    void drain() {
        lookAgain.set(true);
        while (lookAgain.get() && running.compareAndSet(false, true)) {
            try {
                while (lookAgain.getAndSet(false)) {
                    passesUntilDrained();
                }
            } catch (SQLException e) {
                LOG.warnf("delivery log not reachable (%s); notifications wait for the next run", e.getSQLState());
                return;
            } finally {
                running.set(false);
            }
        }
    }

    /**
     * {@code concurrency} workers (this thread and the pass pool's), each taking passes until one comes back
     * less than full: then nothing more was due when it looked.
     */
    private void passesUntilDrained() throws SQLException {
        List<Future<Void>> others = new java.util.ArrayList<>();
        for (int i = 1; i < config.notification().concurrency(); i++) {
            others.add(passes.submit(() -> {
                passesUntilLessThanFull();
                return null;
            }));
        }
        SQLException failure = null;
        try {
            passesUntilLessThanFull();
        } catch (SQLException e) {
            failure = e;
        }
        for (Future<Void> other : others) {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql && failure == null) {
                    failure = sql;
                } else if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void passesUntilLessThanFull() throws SQLException {
        while (dispatch() >= config.notification().batchSize()) {
            // a full pass: more may be due
        }
    }

    /** One pass over the due notifications, in one transaction; returns how many it attempted. */
    public int dispatch() throws SQLException {
        try (Connection c = log.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Delivery> due = log.lockDue(c, clock.instant(), config.notification().batchSize());
                for (Delivery delivery : due) {
                    attempt(c, delivery);
                }
                c.commit();
                DeliveryLog.Backlog pending = log.backlog(c);
                c.commit();
                backlog.set(pending.pending());
                oldestMillis.set(pending.oldest() == null ? 0
                        : Math.max(0, Duration.between(pending.oldest(), clock.instant()).toMillis()));
                return due.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void attempt(Connection c, Delivery delivery) throws SQLException {
        int attempt = delivery.attempts() + 1;
        var system = registry.byName(delivery.caseSystem());
        Span span = tracer.spanBuilder("case-system notify").setSpanKind(SpanKind.CLIENT)
                .setParent(parent(log.traceparent(c, delivery.deliveryKey())))
                .setAttribute(MessageSpans.HOVED_INDBERETNING_ID, delivery.hovedIndberetningId())
                .setAttribute("attempt", attempt).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            notifier.notify(system.orElseThrow(() -> new IllegalStateException("Case system "
                    + delivery.caseSystem() + " is no longer registered.")), delivery);
            span.setAttribute("outcome", "delivered");
        } catch (RuntimeException failure) {
            span.setAttribute("outcome", "failed");
            span.setStatus(StatusCode.ERROR);
            span.setAttribute("exception.type", failure.getClass().getName());
            span.end();
            Instant next = clock.instant().plus(backoff(attempt));
            String reason = failure.getClass().getSimpleName();
            log.markFailed(c, delivery.deliveryKey(), attempt, next, reason + ": " + failure.getMessage());
            metrics.counter("receipt.notification.attempts", "outcome", "failed").increment();
            LOG.warnf("notification of %s to %s failed (attempt %d, %s); next attempt at %s", delivery.fileName(),
                    delivery.caseSystem(), attempt, reason, next);
            report(delivery, attempt, "failed", Map.of("reason", reason, "nextAttemptAt", next.toString()));
            return;
        }
        span.end();
        log.markDelivered(c, delivery.deliveryKey(), attempt, clock.instant());
        metrics.counter("receipt.notification.attempts", "outcome", "delivered").increment();
        LOG.infof("case system %s notified of %s (attempt %d)", delivery.caseSystem(), delivery.fileName(), attempt);
        report(delivery, attempt, "delivered", Map.of());
    }

    /** The stored W3C context as the parent; none (a new trace) when tracing was off as the file was written. */
    private static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(String carrier) {
                return List.of("traceparent");
            }

            @Override
            public String get(String carrier, String key) {
                return "traceparent".equals(key) ? carrier : null;
            }
        });
    }

    Duration backoff(int attempt) {
        Duration initial = config.notification().initialBackoff();
        Duration max = config.notification().maxBackoff();
        Duration wait = initial.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void report(Delivery delivery, int attempt, String outcome, Map<String, String> extra) {
        Map<String, String> attributes = new java.util.HashMap<>(extra);
        attributes.put("attempt", Integer.toString(attempt));
        attributes.put("outcome", outcome);
        attributes.put("fileName", delivery.fileName());
        attributes.put("fileTransferUUID", delivery.fileTransferUuid().toString());
        tracking.publish(delivery.hovedIndberetningId(), TrackingStep.CASE_SYSTEM_NOTIFIED, attributes)
                .exceptionally(failure -> {
                    LOG.warnf("tracking of the notification of %s not published", delivery.fileName());
                    return null;
                });
    }
}
