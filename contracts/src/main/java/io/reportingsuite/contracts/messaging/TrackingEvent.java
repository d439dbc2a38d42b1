package io.reportingsuite.contracts.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One track-and-trace event, sent as JSON on {@link Addresses#TRACKING}. It identifies the forsendelse
 * only by its HovedIndberetningID and technical ids; {@code attributes} hold counts, statuses, file
 * names and error codes — never payload or CPR numbers (ARCHITECTURE §6).
 *
 * @param type                 always {@link #TYPE}, so consumers can tell event kinds apart
 * @param version              schema version of this event, {@link #VERSION}
 * @param eventId              unique id of the event (idempotent storage key)
 * @param hovedIndberetningId  the forsendelse the event is about
 * @param step                 what happened
 * @param service              the emitting service, e.g. {@code ingest-service}
 * @param at                   when it happened
 * @param attributes           technical details, string to string
 */
public record TrackingEvent(String type, int version, String eventId, String hovedIndberetningId,
                            TrackingStep step, String service, Instant at, Map<String, String> attributes) {

    public static final String TYPE = "tracking-event";
    public static final int VERSION = 1;

    public TrackingEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(hovedIndberetningId, "hovedIndberetningId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(at, "at");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static TrackingEvent of(String eventId, String hovedIndberetningId, TrackingStep step, String service,
                                   Instant at, Map<String, String> attributes) {
        return new TrackingEvent(TYPE, VERSION, eventId, hovedIndberetningId, step, service, at, attributes);
    }
}
