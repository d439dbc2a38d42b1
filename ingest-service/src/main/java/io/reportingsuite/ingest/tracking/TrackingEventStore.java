package io.reportingsuite.ingest.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingEventCodec;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the track-and-trace events every service publishes on {@code suite.tracking}, so a forsendelse's
 * whole life can be shown (ARCHITECTURE §2). Storing is idempotent on the event id: a redelivered event is
 * stored once. An event that cannot be read or stored is nacked and, after the broker's redelivery
 * attempts, ends in the subscription's dead-letter queue — never dropped.
 *
 * <p>Every event is seen here once (one durable subscription), so this is where the time a forsendelse takes
 * from its receipt to each later step is measured: the timer {@code ingest_forsendelse_since_received_seconds}
 * by {@code step} ({@link #TIMED}; a case-system notification only when delivered), from the forsendelse's
 * {@code received_at} to the event's time.
 */
@ApplicationScoped
public class TrackingEventStore {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    /** The steps whose time since the forsendelse's receipt is measured. */
    static final Set<TrackingStep> TIMED = EnumSet.of(TrackingStep.QUEUED, TrackingStep.SENT_TO_SKAT,
            TrackingStep.SKAT_STATUS, TrackingStep.RETURN_RECEIVED, TrackingStep.RETURN_FILE_WRITTEN,
            TrackingStep.CASE_SYSTEM_NOTIFIED);

    private static final Duration[] BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofDays(1)};

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public TrackingEventStore(DataSource dataSource, ObjectMapper json, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.json = json;
        this.metrics = metrics;
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
            boolean stored = insert.executeUpdate() == 1;
            if (stored && timed(event)) {
                measure(c, event);
            }
            return stored;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tracking attributes could not be written", e);
        }
    }

    private static boolean timed(TrackingEvent event) {
        return TIMED.contains(event.step()) && (event.step() != TrackingStep.CASE_SYSTEM_NOTIFIED
                || "delivered".equals(event.attributes().get("outcome")));
    }

    private void measure(Connection c, TrackingEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT min(received_at) FROM forsendelse WHERE hoved_indberetning_id = ?")) {
            s.setString(1, event.hovedIndberetningId());
            try (ResultSet rs = s.executeQuery()) {
                Timestamp received = rs.next() ? rs.getTimestamp(1) : null;
                if (received == null) {
                    return;
                }
                Duration since = Duration.between(received.toInstant(), event.at());
                Timer.builder("ingest.forsendelse.since.received")
                        .description("Time from a forsendelse's receipt to a later step of its way (tag step)")
                        .tag("step", event.step().name()).serviceLevelObjectives(BUCKETS).register(metrics)
                        .record(since.isNegative() ? Duration.ZERO : since);
            }
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
