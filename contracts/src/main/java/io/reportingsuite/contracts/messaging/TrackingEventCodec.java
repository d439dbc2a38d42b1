package io.reportingsuite.contracts.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON form of {@link TrackingEvent}. Unknown fields are ignored so that a newer producer does not break
 * an older consumer; a different {@code type} or a newer major {@code version} is refused.
 */
public final class TrackingEventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TrackingEventCodec() {
    }

    public static String toJson(TrackingEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tracking event could not be written as JSON", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a tracking event this version understands */
    public static TrackingEvent fromJson(String json) {
        TrackingEvent event;
        try {
            event = MAPPER.readValue(json, TrackingEvent.class);
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("not a valid tracking event: " + e.getClass().getSimpleName());
        }
        if (!TrackingEvent.TYPE.equals(event.type())) {
            throw new IllegalArgumentException("not a tracking event: type " + event.type());
        }
        if (event.version() > TrackingEvent.VERSION) {
            throw new IllegalArgumentException("tracking event version " + event.version() + " is newer than "
                    + TrackingEvent.VERSION);
        }
        return event;
    }
}
