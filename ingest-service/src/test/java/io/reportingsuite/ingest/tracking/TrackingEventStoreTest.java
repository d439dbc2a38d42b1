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
import io.reportingsuite.devstack.test.SharedDevStack;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "mp.messaging.incoming.tracking-in.link-name")
    String subscription;

    @ConfigProperty(name = "mp.messaging.incoming.tracking-in.capabilities")
    List<String> capabilities;

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

    /**
     * Two ingest instances (Kubernetes replicas): a second receiver attaches to the same durable subscription as
     * this instance's — same container id, link name and capabilities, as a second ingest would — and is not
     * refused (an unshared subscription refuses it: AMQ229200). Every event then goes to exactly one of the two.
     */
    @Test
    void aSecondInstanceSharesTheSubscriptionAndEachEventGoesToOneOfThem() throws Exception {
        var broker = SharedDevStack.get().broker();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(broker.amqpHost())
                .setPort(broker.amqpPort()).setContainerId("ingest-service"));
        Set<String> second = ConcurrentHashMap.newKeySet();
        try {
            AmqpConnection connection = client.connect().toCompletionStage().toCompletableFuture()
                    .get(15, TimeUnit.SECONDS);
            AmqpReceiver receiver = connection.createReceiver("suite.tracking", new AmqpReceiverOptions()
                            .setLinkName(subscription).setDurable(true).setCapabilities(capabilities)
                            .setAutoAcknowledgement(true))
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            receiver.handler(m -> second.add(m.applicationProperties().getString("HovedIndberetningID")));

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = String.format("A%015d", (System.nanoTime() + i) % 1_000_000_000_000_000L);
                ids.add(id);
                publisher.publish(id, TrackingStep.RECEIVED, Map.of("channel", "REST"))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String id : ids) {
                    boolean stored = !store.timeline(id).isEmpty();
                    assertThat(stored ^ second.contains(id)).as("%s at exactly one instance", id).isTrue();
                }
            });
            assertThat(second).as("the second instance got its share").isNotEmpty();
            assertThat(ids).as("this instance got its share").anyMatch(id -> !second.contains(id));
        } finally {
            // The connection closes without detaching the link as "closed" (which would unsubscribe).
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
