package io.reportingsuite.receipt;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: system time, plus an offset a test may move (retention). Replaces the
 * production {@code Clock} bean, which is a {@code @DefaultBean}.
 */
@Singleton
public class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant fixed;

    /** Stops time at {@code instant} until {@link #reset()}. */
    public void fixAt(Instant instant) {
        fixed = instant;
    }

    public void advance(Duration by) {
        if (fixed != null) {
            fixed = fixed.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    public void reset() {
        fixed = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The test clock is UTC.");
    }
}
