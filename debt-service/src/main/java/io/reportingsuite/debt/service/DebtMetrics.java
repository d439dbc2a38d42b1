package io.reportingsuite.debt.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.reportingsuite.debt.rules.LegalContext;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * debt-service's business meters on {@code /q/metrics}: {@code debt_queries_total}, one per employer asked
 * about, by {@code channel} ({@code rest}, {@code soap}, {@code batch}), {@code legal_context} and {@code result}
 * (the answer's result code: OK, NOT_FOUND, INVALID_REQUEST, NOT_AUTHORIZED); and {@code
 * debt_batch_items_done_total} by {@code result}, the batch items computed and stored. Tags are fixed
 * vocabularies; never an employer id or a consumer's data.
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

    public DebtMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts each answer of one query (one per employer asked about). */
    public void answered(Channel channel, LegalContext context, List<BalanceAnswer> answers) {
        for (BalanceAnswer answer : answers) {
            registry.counter("debt.queries", "channel", channel.tag(), "legal_context", context.name(), "result",
                    answer.resultCode()).increment();
            if (channel == Channel.BATCH) {
                registry.counter("debt.batch.items.done", "result", answer.resultCode()).increment();
            }
        }
    }
}
