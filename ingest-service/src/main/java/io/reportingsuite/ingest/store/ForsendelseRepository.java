package io.reportingsuite.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The forsendelse table (V2). Plain JDBC: a handful of statements, each in its own short transaction. */
@ApplicationScoped
public class ForsendelseRepository {

    private static final String COLUMNS = """
            hoved_indberetning_id, content_sha256, system, channel, se_nummer, size_bytes, record_count,
            error_count, warning_count, received_at, queued_at, state""";

    private final DataSource dataSource;

    public ForsendelseRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #store} found or did. */
    public sealed interface Outcome {
        /** The row was inserted now. */
        record Inserted(Forsendelse forsendelse) implements Outcome {
        }

        /** The same id and content were stored before. */
        record Existing(Forsendelse forsendelse) implements Outcome {
        }

        /** The id is known with other content, and the caller asked not to store it. */
        record Conflicting() implements Outcome {
        }
    }

    /**
     * Stores a new forsendelse unless the same id and content are already there. Calls for the same id are
     * serialised by a transaction-scoped advisory lock, so two concurrent submissions cannot both decide
     * "new".
     */
    public Outcome store(Forsendelse f, byte[] payload, boolean refuseOtherContent) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = storeLocked(c, f, payload, refuseOtherContent);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Outcome storeLocked(Connection c, Forsendelse f, byte[] payload, boolean refuseOtherContent)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, f.hovedIndberetningId());
            lock.execute();
        }
        boolean otherContent = false;
        for (Forsendelse known : all(c, f.hovedIndberetningId())) {
            if (known.contentSha256().equals(f.contentSha256())) {
                return new Outcome.Existing(known);
            }
            otherContent = true;
        }
        if (otherContent && refuseOtherContent) {
            return new Outcome.Conflicting();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO forsendelse (" + COLUMNS
                + ", payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, f.hovedIndberetningId());
            insert.setString(2, f.contentSha256());
            insert.setString(3, f.system());
            insert.setString(4, f.channel());
            insert.setString(5, f.seNummer());
            insert.setLong(6, f.sizeBytes());
            insert.setLong(7, f.records());
            insert.setLong(8, f.errors());
            insert.setLong(9, f.warnings());
            insert.setTimestamp(10, Timestamp.from(f.receivedAt()));
            insert.setTimestamp(11, null);
            insert.setString(12, f.state().name());
            insert.setBytes(13, payload);
            insert.executeUpdate();
        }
        return new Outcome.Inserted(f);
    }

    /** Records that the broker settled the durable message. */
    public void markQueued(String hovedIndberetningId, String contentSha256, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                UPDATE forsendelse SET state = 'QUEUED', queued_at = ?
                WHERE hoved_indberetning_id = ? AND content_sha256 = ? AND state = 'RECEIVED'""")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, hovedIndberetningId);
            update.setString(3, contentSha256);
            update.executeUpdate();
        }
    }

    /** The latest forsendelse under this id (several only when different content was passed through). */
    public Optional<Forsendelse> find(String hovedIndberetningId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Forsendelse> all = all(c, hovedIndberetningId);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }
    }

    /**
     * The stored bytes of one forsendelse (id and content hash), exactly as they were handed to the broker.
     * The one place payloads are read back.
     */
    public Optional<byte[]> payload(String hovedIndberetningId, String contentSha256) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT payload FROM forsendelse WHERE hoved_indberetning_id = ? AND content_sha256 = ?")) {
            query.setString(1, hovedIndberetningId);
            query.setString(2, contentSha256);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** One page of a system's forsendelser, newest first. */
    public List<Forsendelse> list(String system, Forsendelse.State state, Instant since, int offset, int limit)
            throws SQLException {
        List<Forsendelse> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("SELECT "
                + COLUMNS + """
                 FROM forsendelse WHERE system = ? AND (?::varchar IS NULL OR state = ?)
                AND (?::timestamptz IS NULL OR received_at >= ?)
                ORDER BY received_at DESC, hoved_indberetning_id OFFSET ? LIMIT ?""")) {
            query.setString(1, system);
            query.setString(2, state == null ? null : state.name());
            query.setString(3, state == null ? null : state.name());
            Timestamp from = since == null ? null : Timestamp.from(since);
            query.setTimestamp(4, from);
            query.setTimestamp(5, from);
            query.setInt(6, offset);
            query.setInt(7, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    page.add(read(rs));
                }
            }
        }
        return page;
    }

    private static List<Forsendelse> all(Connection c, String hovedIndberetningId) throws SQLException {
        List<Forsendelse> rows = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS
                + " FROM forsendelse WHERE hoved_indberetning_id = ? ORDER BY received_at")) {
            query.setString(1, hovedIndberetningId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    private static Forsendelse read(ResultSet rs) throws SQLException {
        Timestamp queued = rs.getTimestamp(11);
        return new Forsendelse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                rs.getTimestamp(10).toInstant(), queued == null ? null : queued.toInstant(),
                Forsendelse.State.valueOf(rs.getString(12)));
    }
}
