package io.reportingsuite.debt.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reportingsuite.debt.rules.LegalContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * debt-service's business meters on {@code /q/metrics}: {@code debt_queries_total}, one per employer asked
 * about, by {@code channel} ({@code rest}, {@code soap}, {@code batch}), {@code legal_context} and {@code result}
 * (the answer's result code: OK, NOT_FOUND, INVALID_REQUEST, NOT_AUTHORIZED); and {@code
 * debt_batch_items_done_total} by {@code result}, the batch items computed and stored. Tags are fixed
 * vocabularies; never an employer id or a consumer's data. The counters are looked up once per combination
 * and kept (the registry's lookup by name and tags, per answer, showed in the REST path's CPU profile).
 */
@Singleton
public class DebtMetrics {

    /** Where a query came in. */
    public enum Channel {
        REST, SOAP, BATCH;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    /** debt.queries by channel and legal context, then by result code (a small fixed vocabulary). */
    private final Map<String, Counter>[][] queries;
    private final Map<String, Counter> batchItemsDone = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public DebtMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.queries = new Map[Channel.values().length][LegalContext.values().length];
        for (Map<String, Counter>[] byContext : queries) {
            for (int i = 0; i < byContext.length; i++) {
                byContext[i] = new ConcurrentHashMap<>();
            }
        }
    }

    /** Counts each answer of one query (one per employer asked about). */
    public void answered(Channel channel, LegalContext context, List<BalanceAnswer> answers) {
        Map<String, Counter> byResult = queries[channel.ordinal()][context.ordinal()];
        for (BalanceAnswer answer : answers) {
            byResult.computeIfAbsent(answer.resultCode(), result -> registry.counter("debt.queries", "channel",
                    channel.tag(), "legal_context", context.name(), "result", result)).increment();
            if (channel == Channel.BATCH) {
                batchItemsDone.computeIfAbsent(answer.resultCode(),
                        result -> registry.counter("debt.batch.items.done", "result", result)).increment();
            }
        }
    }
}
