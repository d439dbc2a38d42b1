package io.reportingsuite.debt.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Tests run on 2 December 2026 (the date of issue 11's examples): replaces the service's default clock. */
public class FixedClock {

    public static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
