package io.reportingsuite.support.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link TrackingPublisher}'s event ids: unique within an instance (also from several threads at once) and across
 * instances (replicas, restarts), in order within one instance, and short enough for the tracking store's
 * {@code event_id varchar(64)}.
 */
class TrackingEventIdsTest {

    private static TrackingPublisher instance() {
        return new TrackingPublisher(null, "test-service", Clock.systemUTC());
    }

    @Test
    void idsAreUniqueWithinAndAcrossInstancesAndFitTheStore() throws Exception {
        TrackingPublisher one = instance();
        Set<String> seen = new HashSet<>();
        List<CompletableFuture<List<String>>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(CompletableFuture.supplyAsync(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    ids.add(one.nextEventId());
                }
                return ids;
            }));
        }
        for (CompletableFuture<List<String>> thread : threads) {
            seen.addAll(thread.get());
        }
        assertThat(seen).hasSize(40_000);

        TrackingPublisher restarted = instance();
        String first = restarted.nextEventId();
        assertThat(seen).doesNotContain(first);
        assertThat(first.substring(0, 37)).as("another instance's prefix")
                .isNotEqualTo(one.nextEventId().substring(0, 37));
        assertThat(first).hasSizeLessThanOrEqualTo(64).matches("[0-9a-f-]{36}-[0-9a-z]{13}");
    }

    @Test
    void oneInstancesIdsSortInTheOrderTheyWereGiven() {
        TrackingPublisher one = instance();
        String previous = one.nextEventId();
        for (int i = 0; i < 5_000; i++) {
            String next = one.nextEventId();
            assertThat(next.compareTo(previous)).as("%s after %s", next, previous).isPositive();
            previous = next;
        }
    }
}
