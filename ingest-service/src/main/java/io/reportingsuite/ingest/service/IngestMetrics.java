package io.reportingsuite.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reportingsuite.contracts.finding.Finding;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * ingest-service's business meters on {@code /q/metrics}, every one tagged with the {@code channel} it came
 * by ({@code soap}, {@code rest}, {@code sftp}): {@code ingest_submissions_accepted_total} (tag {@code resend}:
 * an idempotent repeat of an accepted forsendelse), {@code ingest_submissions_refused_total} by {@code reason}
 * (the refusal family: envelope, security, content, conflict, too_large, unavailable) and {@code rule} (the
 * first error finding's rule code, {@code none} without one), {@code ingest_records_validated_total}, {@code
 * ingest_received_bytes_total} and the timer {@code ingest_submission_queueing_seconds} (received → QUEUED,
 * the broker holds it). Tags are fixed vocabularies; never an id, a file name or anything from the payload.
 */
@Singleton
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String channel, boolean resend) {
        registry.counter("ingest.submissions.accepted", "channel", tag(channel), "resend", Boolean.toString(resend))
                .increment();
    }

    public void refused(String channel, Rejection.Kind reason, List<Finding> findings) {
        refused(channel, reason.name(), findings.stream().filter(Finding::isError).map(Finding::rule).findFirst()
                .orElse(null));
    }

    /** @param rule the rule code of the first error, or null */
    public void refused(String channel, String reason, String rule) {
        registry.counter("ingest.submissions.refused", "channel", tag(channel), "reason", tag(reason), "rule",
                rule == null || rule.isBlank() ? "none" : rule).increment();
    }

    public void validated(String channel, long records) {
        registry.counter("ingest.records.validated", "channel", tag(channel)).increment(records);
    }

    public void received(String channel, long bytes) {
        registry.counter("ingest.received.bytes", "channel", tag(channel)).increment(bytes);
    }

    /** The time from the forsendelse's receipt until the broker held it (QUEUED). */
    public void queued(String channel, Duration sinceReceived) {
        Timer.builder("ingest.submission.queueing")
                .description("Time from a forsendelse's receipt until the broker held it (QUEUED)")
                .tag("channel", tag(channel)).register(registry)
                .record(sinceReceived.isNegative() ? Duration.ZERO : sinceReceived);
    }

    private static String tag(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
