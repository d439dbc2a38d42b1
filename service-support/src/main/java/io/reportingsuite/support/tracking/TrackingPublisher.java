package io.reportingsuite.support.tracking;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingEventCodec;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.support.messaging.SettledSend;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes track-and-trace events on {@code suite.tracking}. The returned stage completes when the broker
 * has settled the durable message, so a caller can tell "reported" from "not reported".
 *
 * <p>Event ids ({@link #nextEventId()}) are this instance's random prefix, drawn once, and a sequence number:
 * unique across replicas and restarts like a random UUID per event, without a {@code SecureRandom} draw per
 * event (a lock every request thread of a service passes: ingest publishes three events per submission on the
 * caller's thread; its JFR profile, README "Benchmark").
 */
@ApplicationScoped
// Native image: contracts' TrackingEventCodec (framework-free) binds the event with Jackson by reflection.
@RegisterForReflection(targets = {TrackingEvent.class, TrackingStep.class})
public class TrackingPublisher {

    private final Emitter<String> emitter;
    private final String service;
    private final Clock clock;
    /** A random UUID, drawn once per instance (and so per start), and a dash. */
    private final String idPrefix = UUID.randomUUID() + "-";
    private final AtomicLong sequence = new AtomicLong();

    @Inject
    public TrackingPublisher(@Channel("tracking-out") Emitter<String> emitter,
                             @ConfigProperty(name = "quarkus.application.name") String service, Clock clock) {
        this.emitter = emitter;
        this.service = service;
        this.clock = clock;
    }

    /** Attributes must be technical (counts, codes, file names): never payload or CPR numbers. */
    public CompletionStage<TrackingEvent> publish(String hovedIndberetningId, TrackingStep step,
                                                  Map<String, String> attributes) {
        return publish(hovedIndberetningId, step, clock.instant(), attributes);
    }

    /**
     * An event that happened at {@code occurredAt} rather than now: e.g. {@code QUEUED} at the moment the
     * forsendelse was handed to the broker, which a consumer may act on (SENT_TO_SKAT) before the producer has
     * heard the broker's confirmation. The timeline is ordered by this time.
     */
    public CompletionStage<TrackingEvent> publish(String hovedIndberetningId, TrackingStep step, Instant occurredAt,
                                                  Map<String, String> attributes) {
        TrackingEvent event = TrackingEvent.of(nextEventId(), hovedIndberetningId, step, service, occurredAt,
                attributes);
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType("application/json")
                .withMessageId(event.eventId())
                .withApplicationProperty(MessageProperties.HOVED_INDBERETNING_ID, hovedIndberetningId)
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, event.eventId())
                .build();
        return SettledSend.send(emitter, TrackingEventCodec.toJson(event), metadata).thenApply(settled -> event);
    }

    /**
     * The id of the next event: the instance's prefix and a sequence number in 13 base-36 digits (zero-padded, so
     * one instance's ids sort in the order they were given; 50 characters, within the tracking store's 64 and a
     * valid broker duplicate id).
     */
    String nextEventId() {
        String n = Long.toString(sequence.incrementAndGet(), Character.MAX_RADIX);
        return idPrefix + "0000000000000".substring(n.length()) + n;
    }
}
