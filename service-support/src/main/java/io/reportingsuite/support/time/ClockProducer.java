package io.reportingsuite.support.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Every service's notion of "now": inject {@link Clock} instead of calling {@code Clock.systemUTC()}, so a
 * test can replace it (a {@code @Singleton} producer of its own wins over this default) and move time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
