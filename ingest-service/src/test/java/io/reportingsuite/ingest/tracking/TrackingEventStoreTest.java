package io.reportingsuite.ingest.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.support.tracking.TrackingPublisher;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Events published on the real broker arrive in the real database, once each, in order. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class TrackingEventStoreTest {

    @Inject
    TrackingPublisher publisher;

    @Inject
    TrackingEventStore store;

    @Test
    void publishedEventsAreKeptAsTheForsendelsesTimeline() throws Exception {
        String id = String.format("A%015d", System.nanoTime() % 1_000_000_000_000_000L);
        TrackingEvent received = publisher.publish(id, TrackingStep.RECEIVED, Map.of("channel", "REST"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        publisher.publish(id, TrackingStep.QUEUED, Map.of("records", "12"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(store.timeline(id)).extracting(TrackingEvent::step)
                        .containsExactly(TrackingStep.RECEIVED, TrackingStep.QUEUED));
        TrackingEvent first = store.timeline(id).get(0);
        assertThat(first.service()).isEqualTo("ingest-service");
        assertThat(first.attributes()).containsEntry("channel", "REST");
        assertThat(first.eventId()).isEqualTo(received.eventId());
    }

    @Test
    void aRedeliveredEventIsStoredOnce() throws Exception {
        TrackingEvent event = TrackingEvent.of("dup-" + System.nanoTime(), "B000000000000DUP",
                TrackingStep.SENT_TO_SKAT, "forwarder-service", Instant.now(), Map.of());
        assertThat(store.store(event)).isTrue();
        assertThat(store.store(event)).isFalse();
        assertThat(store.timeline("B000000000000DUP")).extracting(TrackingEvent::eventId).containsOnlyOnce(event.eventId());
    }
}
