package io.reportingsuite.forwarder.service;

import io.reportingsuite.forwarder.config.ForwarderConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to try a forsendelse again while SKAT's MQ is unreachable, and when to give up. Pure: the window's
 * start and the attempt number travel with the message, so any replica, after any restart, decides the same.
 */
public final class RetryPolicy {

    private final Duration window;
    private final ForwarderConfig.Retry retry;
    private final DoubleSupplier random;

    public RetryPolicy(Duration window, ForwarderConfig.Retry retry, DoubleSupplier random) {
        this.window = window;
        this.retry = retry;
        this.random = random;
    }

    /** Whether the window that started at {@code firstFailure} is over at {@code now}. */
    public boolean exhausted(Instant firstFailure, Instant now) {
        return !now.isBefore(firstFailure.plus(window));
    }

    /**
     * The wait after failed attempt {@code attempt} (1 = the first): initial × multiplier^(attempt−1), capped,
     * spread by ±jitter, and never past the end of the window (so the last attempt is made at the end).
     */
    public Duration delay(int attempt, Instant firstFailure, Instant now) {
        double base = retry.initialDelay().toMillis() * Math.pow(retry.multiplier(), Math.max(0, attempt - 1));
        double capped = Math.min(base, retry.maxDelay().toMillis());
        double spread = capped * retry.jitter() * (2 * random.getAsDouble() - 1);
        long millis = Math.max(1, Math.round(capped + spread));
        long untilEnd = Duration.between(now, firstFailure.plus(window)).toMillis();
        return Duration.ofMillis(Math.max(1, Math.min(millis, untilEnd)));
    }
}
