package io.reportingsuite.support.tracking;

import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingEventCodec;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.support.messaging.SettledSend;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes track-and-trace events on {@code suite.tracking}. The returned stage completes when the broker
 * has settled the durable message, so a caller can tell "reported" from "not reported".
 */
@ApplicationScoped
public class TrackingPublisher {

    private final Emitter<String> emitter;
    private final String service;
    private final Clock clock;

    @Inject
    public TrackingPublisher(@Channel("tracking-out") Emitter<String> emitter,
                             @ConfigProperty(name = "quarkus.application.name") String service) {
        this(emitter, service, Clock.systemUTC());
    }

    TrackingPublisher(Emitter<String> emitter, String service, Clock clock) {
        this.emitter = emitter;
        this.service = service;
        this.clock = clock;
    }

    /** Attributes must be technical (counts, codes, file names): never payload or CPR numbers. */
    public CompletionStage<TrackingEvent> publish(String hovedIndberetningId, TrackingStep step,
                                                  Map<String, String> attributes) {
        TrackingEvent event = TrackingEvent.of(UUID.randomUUID().toString(), hovedIndberetningId, step, service,
                clock.instant(), attributes);
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType("application/json")
                .withMessageId(event.eventId())
                .withApplicationProperty(MessageProperties.HOVED_INDBERETNING_ID, hovedIndberetningId)
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, event.eventId())
                .build();
        return SettledSend.send(emitter, TrackingEventCodec.toJson(event), metadata).thenApply(settled -> event);
    }
}
