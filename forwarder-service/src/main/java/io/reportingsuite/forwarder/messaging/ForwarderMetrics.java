package io.reportingsuite.forwarder.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reportingsuite.contracts.retur.PlatformFejl;
import io.reportingsuite.forwarder.config.ForwarderConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * The forwarder's counters on {@code /q/metrics}. {@code forwarder_poison_messages_total} is the alert
 * metric: every increment is a message on its way to a dead-letter queue that a person must look at.
 * A {@code @Singleton} (no client proxy), so the counters are read as plain fields.
 *
 * <p>The retry window, as this instance sees it: {@code forwarder_retry_window_forsendelser} (forsendelser it
 * re-queued because SKAT's MQ was unreachable and has not yet sent or given up), {@code
 * forwarder_retry_window_oldest_seconds} (how long the oldest of them has been failing, from the window's start
 * that travels with the message) and {@code forwarder_retry_window_limit_seconds} ({@code
 * forwarder.mq-retry-window}): their ratio is how nearly exhausted the window is. A forsendelse another replica
 * took over is forgotten once it has not come back within the longest back-off. And {@code
 * forwarder_skat_answer_seconds}: from the send on EP_SK1 to SKAT's first EP_SK3 document for that
 * HovedIndberetningID, measured when the same instance sent it (an in-memory, bounded record of send times).
 */
@Singleton
public class ForwarderMetrics {

    final Counter sent;
    final Counter retried;
    final Counter windowExhausted;
    final Counter returns;
    final Counter statuses;
    final Counter poison;
    final Counter resent;
    private final Map<PlatformFejl, Counter> platformAdvice = new EnumMap<>(PlatformFejl.class);

    /** Forsendelser in the retry window: HovedIndberetningID → window start and when it was last re-queued. */
    private final Map<String, InWindow> inWindow = new ConcurrentHashMap<>();
    /** Send times on EP_SK1 awaiting SKAT's first EP_SK3 document, by HovedIndberetningID. */
    private final Map<String, Instant> awaitingAnswer = new ConcurrentHashMap<>();
    private final Timer skatAnswer;
    private final Duration forgetAfter;
    private final Clock clock;

    private record InWindow(Instant firstFailure, Instant requeued) {
    }

    /** At most this many send times are kept; beyond, the oldest half is dropped. */
    static final int MAX_AWAITING = 10_000;
    /** A send whose answer has not come in this long is no longer waited for. */
    static final Duration ANSWER_HORIZON = Duration.ofDays(1);

    @Inject
    public ForwarderMetrics(MeterRegistry registry, ForwarderConfig config, Clock clock) {
        this(registry, config.mqRetryWindow(), Duration.ofMillis(Math.round(config.retry().maxDelay().toMillis()
                * (1 + config.retry().jitter()))).plusMinutes(1), clock);
    }

    /**
     * @param window      forwarder.mq-retry-window
     * @param forgetAfter a forsendelse not re-queued here for this long has left this instance's window
     */
    ForwarderMetrics(MeterRegistry registry, Duration window, Duration forgetAfter, Clock clock) {
        this.clock = clock;
        this.forgetAfter = forgetAfter;
        Gauge.builder("forwarder.retry.window.forsendelser", this, m -> m.retryWindow().count)
                .description("Forsendelser re-queued because SKAT's MQ was unreachable, not yet sent or given up")
                .register(registry);
        Gauge.builder("forwarder.retry.window.oldest.seconds", this, m -> m.retryWindow().oldestSeconds)
                .description("How long the oldest forsendelse in the retry window has been failing")
                .register(registry);
        Gauge.builder("forwarder.retry.window.limit.seconds", window, Duration::toSeconds)
                .description("forwarder.mq-retry-window: after this, platform fejladvisering 9001").register(registry);
        skatAnswer = Timer.builder("forwarder.skat.answer")
                .description("From the send on EP_SK1 to SKAT's first EP_SK3 document for the forsendelse")
                .serviceLevelObjectives(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5),
                        Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(12))
                .register(registry);
        sent = Counter.builder("forwarder.forsendelser.sent").description("Forsendelser committed on EP_SK1")
                .register(registry);
        retried = Counter.builder("forwarder.forsendelser.retried")
                .description("Attempts rescheduled because SKAT's MQ was unreachable").register(registry);
        windowExhausted = Counter.builder("forwarder.forsendelser.window.exhausted")
                .description("Forsendelser given up after the retry window (platform fejladvisering 9001)")
                .register(registry);
        returns = Counter.builder("forwarder.returns.forwarded")
                .description("EP_SK3 documents published on eindkomst.retur and answered on EP_SK4").register(registry);
        statuses = Counter.builder("forwarder.statuses.tracked").description("EP_SK2 statuses reported on tracking")
                .register(registry);
        poison = Counter.builder("forwarder.poison.messages")
                .description("Messages that cannot be processed and go to a dead-letter queue (alert)")
                .register(registry);
        resent = Counter.builder("forwarder.forsendelser.resent")
                .description("Sends to EP_SK1 that SKAT's MQ dropped as duplicates: a forsendelse sent a second time")
                .register(registry);
        // the fejlnr the forwarder gives; 9003 (kvittering undeliverable) is not a forwarder failure
        for (PlatformFejl fejl : new PlatformFejl[] {PlatformFejl.MQ_UNAVAILABLE, PlatformFejl.INTERNAL_ERROR,
                PlatformFejl.NOT_DECODABLE}) {
            platformAdvice.put(fejl, Counter.builder("forwarder.platform.fejladvisering")
                    .description("Platform fejladviseringer (status *) published on eindkomst.retur, by fejlnr")
                    .tag("fejlnr", Integer.toString(fejl.fejlnr())).register(registry));
        }
    }

    Counter platformAdvice(PlatformFejl fejl) {
        return platformAdvice.get(fejl);
    }

    /** The forsendelse was re-queued for a later attempt; its window started at {@code firstFailure}. */
    void retrying(String id, Instant firstFailure) {
        inWindow.put(id, new InWindow(firstFailure, clock.instant()));
    }

    /** The forsendelse left the retry window: sent to SKAT, or given up. */
    void leftWindow(String id) {
        inWindow.remove(id);
    }

    /** Sent on EP_SK1 now: SKAT's answer is awaited. */
    void sentToSkat(String id) {
        leftWindow(id);
        if (awaitingAnswer.size() >= MAX_AWAITING) {
            Instant horizon = clock.instant().minus(ANSWER_HORIZON);
            awaitingAnswer.values().removeIf(sent -> sent.isBefore(horizon));
            if (awaitingAnswer.size() >= MAX_AWAITING) {
                awaitingAnswer.keySet().stream().limit(MAX_AWAITING / 2).toList().forEach(awaitingAnswer::remove);
            }
        }
        awaitingAnswer.put(id, clock.instant());
    }

    /** An EP_SK3 document for {@code id} arrived: the first one after this instance's send is timed. */
    void answered(String id) {
        Instant sent = awaitingAnswer.remove(id);
        if (sent != null) {
            Duration latency = Duration.between(sent, clock.instant());
            skatAnswer.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    record RetryWindow(int count, double oldestSeconds) {
    }

    /** The forsendelser in the window now, forgetting those not re-queued here within the longest back-off. */
    RetryWindow retryWindow() {
        Instant now = clock.instant();
        inWindow.values().removeIf(w -> w.requeued().plus(forgetAfter).isBefore(now));
        Instant oldest = null;
        int count = 0;
        for (InWindow w : inWindow.values()) {
            count++;
            if (oldest == null || w.firstFailure().isBefore(oldest)) {
                oldest = w.firstFailure();
            }
        }
        return new RetryWindow(count, oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis()) / 1000.0);
    }
}
