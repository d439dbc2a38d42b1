package io.reportingsuite.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingEventCodecTest {

    private final TrackingEvent event = TrackingEvent.of("e-1", "A00000000000001", TrackingStep.QUEUED,
            "ingest-service", Instant.parse("2026-11-23T10:15:30.123Z"), Map.of("records", "12"));

    @Test
    void roundTripsThroughJson() {
        String json = TrackingEventCodec.toJson(event);
        assertThat(json).contains("\"type\":\"tracking-event\"", "\"version\":1", "\"step\":\"QUEUED\"",
                "\"at\":\"2026-11-23T10:15:30.123Z\"");
        assertThat(TrackingEventCodec.fromJson(json)).isEqualTo(event);
    }

    @Test
    void ignoresUnknownFieldsFromNewerMinorProducers() {
        String json = TrackingEventCodec.toJson(event).replace("{\"type\"", "{\"extra\":true,\"type\"");
        assertThat(TrackingEventCodec.fromJson(json)).isEqualTo(event);
    }

    @Test
    void refusesOtherTypesNewerVersionsAndGarbage() {
        String json = TrackingEventCodec.toJson(event);
        assertThatThrownBy(() -> TrackingEventCodec.fromJson(json.replace("tracking-event", "debt-batch")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a tracking event");
        assertThatThrownBy(() -> TrackingEventCodec.fromJson(json.replace("\"version\":1", "\"version\":2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newer");
        assertThatThrownBy(() -> TrackingEventCodec.fromJson("{not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackingEventCodec.fromJson("{\"type\":\"tracking-event\",\"version\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
