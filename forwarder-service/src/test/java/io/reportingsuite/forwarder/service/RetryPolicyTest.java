package io.reportingsuite.forwarder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.forwarder.config.ForwarderConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant FIRST = Instant.parse("2026-01-05T06:00:00Z");

    private static ForwarderConfig.Retry retry(double jitter) {
        return new ForwarderConfig.Retry() {
            public Duration initialDelay() {
                return Duration.ofSeconds(5);
            }

            public Duration maxDelay() {
                return Duration.ofMinutes(5);
            }

            public double multiplier() {
                return 2.0;
            }

            public double jitter() {
                return jitter;
            }
        };
    }

    @Test
    void delay_grows_exponentially_up_to_the_cap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofHours(4), retry(0), () -> 0.5);

        assertThat(policy.delay(1, FIRST, FIRST)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(2, FIRST, FIRST)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delay(4, FIRST, FIRST)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.delay(30, FIRST, FIRST)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitter_spreads_the_delay_within_its_fraction() {
        assertThat(new RetryPolicy(Duration.ofHours(4), retry(0.2), () -> 0.0).delay(3, FIRST, FIRST))
                .isEqualTo(Duration.ofSeconds(16));
        assertThat(new RetryPolicy(Duration.ofHours(4), retry(0.2), () -> 1.0).delay(3, FIRST, FIRST))
                .isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void the_last_attempt_falls_on_the_end_of_the_window_and_then_it_is_exhausted() {
        RetryPolicy policy = new RetryPolicy(Duration.ofHours(4), retry(0), () -> 0.5);
        Instant nearEnd = FIRST.plus(Duration.ofHours(4)).minusSeconds(30);

        assertThat(policy.delay(50, FIRST, nearEnd)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.exhausted(FIRST, nearEnd)).isFalse();
        assertThat(policy.exhausted(FIRST, FIRST.plus(Duration.ofHours(4)))).isTrue();
    }
}
