package io.reportingsuite.debt.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * "Today" for the rules (the default reference date, the art. 30bis penultimate quarter): a bean so tests
 * fix the date. To be replaced by service-support's shared producer.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
