package io.reportingsuite.ingest.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingEventCodec;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the track-and-trace events every service publishes on {@code suite.tracking}, so a forsendelse's
 * whole life can be shown (ARCHITECTURE §2). Storing is idempotent on the event id: a redelivered event is
 * stored once. An event that cannot be read or stored is nacked and, after the broker's redelivery
 * attempts, ends in the subscription's dead-letter queue — never dropped.
 */
@ApplicationScoped
public class TrackingEventStore {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public TrackingEventStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Incoming("tracking-in")
    @Blocking
    public void receive(Object payload) throws SQLException {
        store(TrackingEventCodec.fromJson(text(payload)));
    }

    /** @return true when the event was new */
    public boolean store(TrackingEvent event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO tracking_event (event_id, hoved_indberetning_id, step, service, occurred_at, attributes)
                VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_id) DO NOTHING""")) {
            insert.setString(1, event.eventId());
            insert.setString(2, event.hovedIndberetningId());
            insert.setString(3, event.step().name());
            insert.setString(4, event.service());
            insert.setTimestamp(5, Timestamp.from(event.at()));
            insert.setString(6, json.writeValueAsString(event.attributes()));
            return insert.executeUpdate() == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tracking attributes could not be written", e);
        }
    }

    /** The events of one forsendelse in the order they happened. */
    public List<TrackingEvent> timeline(String hovedIndberetningId) throws SQLException {
        List<TrackingEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("""
                SELECT event_id, step, service, occurred_at, attributes::text FROM tracking_event
                WHERE hoved_indberetning_id = ? ORDER BY occurred_at, stored_at, event_id""")) {
            query.setString(1, hovedIndberetningId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    events.add(TrackingEvent.of(rs.getString(1), hovedIndberetningId,
                            TrackingStep.valueOf(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            json.readValue(rs.getString(5), ATTRIBUTES)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tracking attributes are not valid JSON", e);
        }
        return events;
    }

    /** The AMQP connector hands JSON over as text, JSON object or bytes depending on how it was sent. */
    private static String text(Object payload) {
        if (payload instanceof String s) {
            return s;
        }
        if (payload instanceof JsonObject o) {
            return o.encode();
        }
        if (payload instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (payload instanceof Buffer b) {
            return b.toString(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("tracking event of unexpected body type "
                + (payload == null ? "null" : payload.getClass().getSimpleName()));
    }
}
