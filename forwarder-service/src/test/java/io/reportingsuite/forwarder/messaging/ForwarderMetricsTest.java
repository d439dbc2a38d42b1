package io.reportingsuite.forwarder.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The retry-window gauges and SKAT's answer latency as the clock moves: the oldest forsendelse's age from its
 * window start, one that left the window (sent) gone, one another instance took over forgotten after the
 * longest back-off; the answer timed from this instance's send, a second answer not timed again.
 */
class ForwarderMetricsTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ForwarderMetrics metrics = new ForwarderMetrics(registry, Duration.ofHours(4),
            Duration.ofMinutes(7), clock);

    @Test
    void the_oldest_forsendelse_in_the_retry_window_is_measured_from_its_window_start() {
        assertThat(gauge("forwarder.retry.window.limit.seconds")).isEqualTo(4 * 3600);
        assertThat(gauge("forwarder.retry.window.forsendelser")).isZero();
        assertThat(gauge("forwarder.retry.window.oldest.seconds")).isZero();

        Instant firstA = now;
        metrics.retrying("A000000000000001", firstA);
        now = now.plus(Duration.ofMinutes(5));
        Instant firstB = now;
        metrics.retrying("B000000000000001", firstB);
        metrics.retrying("A000000000000001", firstA);
        assertThat(gauge("forwarder.retry.window.forsendelser")).isEqualTo(2);
        assertThat(gauge("forwarder.retry.window.oldest.seconds")).isEqualTo(300);

        // Three hours on, both still re-queued here every few minutes: A has used 3 h 5 min of its 4 h window.
        for (int i = 0; i < 36; i++) {
            now = now.plus(Duration.ofMinutes(5));
            metrics.retrying("A000000000000001", firstA);
            metrics.retrying("B000000000000001", firstB);
        }
        assertThat(gauge("forwarder.retry.window.oldest.seconds")).isEqualTo(3 * 3600 + 300);

        metrics.sentToSkat("A000000000000001");
        assertThat(gauge("forwarder.retry.window.forsendelser")).isEqualTo(1);
        assertThat(gauge("forwarder.retry.window.oldest.seconds")).isEqualTo(3 * 3600);

        // B is not re-queued here any more (another replica took it): forgotten after the longest back-off.
        now = now.plus(Duration.ofMinutes(8));
        assertThat(gauge("forwarder.retry.window.forsendelser")).isZero();
        assertThat(gauge("forwarder.retry.window.oldest.seconds")).isZero();
    }

    @Test
    void skats_first_answer_is_timed_from_the_send() {
        metrics.sentToSkat("A000000000000002");
        now = now.plus(Duration.ofSeconds(7));
        metrics.answered("A000000000000002");
        now = now.plus(Duration.ofSeconds(7));
        metrics.answered("A000000000000002");
        metrics.answered("A000000000000003");

        var timer = registry.get("forwarder.skat.answer").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(7);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }
}
