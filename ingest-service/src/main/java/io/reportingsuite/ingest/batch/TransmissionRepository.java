package io.reportingsuite.ingest.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.contracts.batch.BatchFileName;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.batch.Environment;
import io.reportingsuite.contracts.batch.SequenceAllocator;
import io.reportingsuite.contracts.finding.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The tables of V6: {@code batch_transmission} (one row per checked transmission, its verdict, ACRF name and
 * step), {@code batch_answer} (the names given to answer groups) and {@code batch_sequence} (every sequence
 * number sender 999999 used, per creation date and environment). Plain JDBC, one short transaction per call.
 */
@ApplicationScoped
public class TransmissionRepository {

    private static final String COLUMNS = """
            id, channel_user, folder, transmission_key, generation, transmission_id, purpose, environment, mandant,
            file_names::text, positive, findings::text, acrf_date, acrf_sequence, acrf_name, state, received_at""";
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public TransmissionRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The steps of a transmission; a negative one goes from ACRF_WRITTEN straight to ARCHIVED. */
    public enum State {
        /** Verdict and ACRF name stored; the ACRF is not (completely) in OUT/OUTTEST yet. */
        RECEIVED,
        /** FO, FS and GO of the ACRF are in OUT/OUTTEST. */
        ACRF_WRITTEN,
        /** A positive transmission was settled by the broker on its route's address. */
        ROUTED,
        /** The files left IN/INTEST for the channel's archive: done. */
        ARCHIVED
    }

    /** One transmission as the dispatcher needs it. */
    public record Row(long id, String channelUser, BatchFolder folder, String key, int generation,
                      Optional<String> transmissionId, Optional<String> purpose, Environment environment,
                      Optional<String> mandant, List<String> fileNames, boolean positive, List<Finding> findings,
                      BatchFileName acrf, State state, Instant receivedAt) {
    }

    /** What the first event of a transmission fixes. */
    public record NewTransmission(String channelUser, BatchFolder folder, String key, int generation,
                                  Optional<String> transmissionId, Optional<String> purpose, Environment environment,
                                  Optional<String> mandant, List<String> fileNames, boolean positive,
                                  List<Finding> findings, LocalDate acrfDate, Instant receivedAt) {
    }

    /** One answer group and the name it was given. */
    public record Answer(String answerKey, int group, long transmission, BatchFileName fo, boolean written) {
    }

    /** A session-level PostgreSQL advisory lock; closing it releases the lock and the connection. */
    public final class Lock implements AutoCloseable {
        private final Connection connection;
        private final long key;

        private Lock(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void close() throws SQLException {
            try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
            }
        }
    }

    /**
     * Takes the lock of one transmission if no other thread or instance holds it: only the holder works on it.
     * Empty when someone else does (the event fires again at the next poll).
     */
    public Optional<Lock> tryLock(String channelUser, BatchFolder folder, String key) throws SQLException {
        long lockKey = hash("batch-transmission\n" + channelUser + '\n' + folder + '\n' + key);
        Connection c = dataSource.getConnection();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.of(new Lock(c, lockKey));
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return Optional.empty();
    }

    /** The newest generation of a transmission of a channel's folder. */
    public Optional<Row> latest(String channelUser, BatchFolder folder, String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS
                + " FROM batch_transmission WHERE channel_user = ? AND folder = ? AND transmission_key = ?"
                + " ORDER BY generation DESC LIMIT 1")) {
            query.setString(1, channelUser);
            query.setString(2, folder.name());
            query.setString(3, key);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The positive transmission a channel sent under this id (its newest generation), which an answer is for. */
    public Optional<Row> findPositive(String channelUser, String transmissionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS
                + " FROM batch_transmission WHERE channel_user = ? AND transmission_id = ? AND positive"
                + " ORDER BY generation DESC LIMIT 1")) {
            query.setString(1, channelUser);
            query.setString(2, transmissionId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Stores a new transmission in state RECEIVED with a newly allocated ACRF sequence. */
    public Row insert(NewTransmission t) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String sequence = allocate(c, t.acrfDate(), t.environment(), BatchFileName.ACKNOWLEDGEMENT,
                        t.receivedAt());
                BatchFileName acrf = BatchFileName.acknowledgement(t.acrfDate(), sequence, t.environment());
                long id;
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO batch_transmission (channel_user, folder, transmission_key, generation,
                            transmission_id, purpose, environment, mandant, file_names, positive, findings, acrf_date,
                            acrf_sequence, acrf_name, state, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?) RETURNING id""")) {
                    insert.setString(1, t.channelUser());
                    insert.setString(2, t.folder().name());
                    insert.setString(3, t.key());
                    insert.setInt(4, t.generation());
                    insert.setString(5, t.transmissionId().orElse(null));
                    insert.setString(6, t.purpose().orElse(null));
                    insert.setString(7, t.environment().name());
                    insert.setString(8, t.mandant().orElse(null));
                    insert.setString(9, json.writeValueAsString(t.fileNames()));
                    insert.setBoolean(10, t.positive());
                    insert.setString(11, json.writeValueAsString(t.findings()));
                    insert.setDate(12, Date.valueOf(t.acrfDate()));
                    insert.setString(13, sequence);
                    insert.setString(14, acrf.toString());
                    insert.setString(15, State.RECEIVED.name());
                    insert.setTimestamp(16, Timestamp.from(t.receivedAt()));
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                c.commit();
                return new Row(id, t.channelUser(), t.folder(), t.key(), t.generation(), t.transmissionId(),
                        t.purpose(), t.environment(), t.mandant(), t.fileNames(), t.positive(), t.findings(), acrf,
                        State.RECEIVED, t.receivedAt());
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
                c.rollback();
                throw e instanceof SQLException s ? s : new SQLException("batch_transmission not stored", e);
            }
        }
    }

    /** Moves a transmission one step on, stamping the step's time. */
    public void advance(long id, State from, State to, Instant now) throws SQLException {
        String stamp = switch (to) {
            case ACRF_WRITTEN -> "acrf_written_at";
            case ROUTED -> "routed_at";
            case ARCHIVED -> "archived_at";
            case RECEIVED -> throw new IllegalArgumentException("RECEIVED is the first state");
        };
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE batch_transmission SET state = ?, " + stamp + " = ? WHERE id = ? AND state = ?")) {
            update.setString(1, to.name());
            update.setTimestamp(2, Timestamp.from(now));
            update.setLong(3, id);
            update.setString(4, from.name());
            if (update.executeUpdate() != 1) {
                throw new SQLException("batch_transmission " + id + " was not in state " + from);
            }
        }
    }

    /**
     * The answer group's row: the stored one, or a new one with a newly allocated sequence (FO name
     * {@code FO.<purpose>.999999.<date>.<seq>.<env>.1.1}). Serialised per (answerKey, group).
     */
    public Answer answer(String answerKey, int group, int groups, Row transmission, String purpose, boolean refused,
                         LocalDate date, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                xactLock(c, "batch-answer\n" + answerKey + '\n' + group);
                try (PreparedStatement query = c.prepareStatement("""
                        SELECT transmission, purpose, answer_date, answer_sequence, environment, written_at IS NOT NULL
                        FROM batch_answer
                        WHERE answer_key = ? AND group_no = ?""")) {
                    query.setString(1, answerKey);
                    query.setInt(2, group);
                    try (ResultSet rs = query.executeQuery()) {
                        if (rs.next()) {
                            Answer existing = new Answer(answerKey, group, rs.getLong(1),
                                    BatchFileName.fo(rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4),
                                            Environment.valueOf(rs.getString(5)), 1, 1), rs.getBoolean(6));
                            c.commit();
                            return existing;
                        }
                    }
                }
                Environment env = transmission.environment();
                String sequence = allocate(c, date, env, purpose, now);
                BatchFileName fo = BatchFileName.fo(purpose, date, sequence, env, 1, 1);
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO batch_answer (answer_key, group_no, groups, transmission, channel_user, environment,
                            purpose, answer_date, answer_sequence, fo_name, refused, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    insert.setString(1, answerKey);
                    insert.setInt(2, group);
                    insert.setInt(3, groups);
                    insert.setLong(4, transmission.id());
                    insert.setString(5, transmission.channelUser());
                    insert.setString(6, env.name());
                    insert.setString(7, purpose);
                    insert.setDate(8, Date.valueOf(date));
                    insert.setString(9, sequence);
                    insert.setString(10, fo.toString());
                    insert.setBoolean(11, refused);
                    insert.setTimestamp(12, Timestamp.from(now));
                    insert.executeUpdate();
                }
                c.commit();
                return new Answer(answerKey, group, transmission.id(), fo, false);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The answer group's files are durable in OUT/OUTTEST. */
    public void answerWritten(String answerKey, int group, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE batch_answer SET written_at = ? WHERE answer_key = ? AND group_no = ? AND written_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, answerKey);
            update.setInt(3, group);
            update.executeUpdate();
        }
    }

    /**
     * The next free sequence of sender 999999 for the date and environment, recorded for {@code purpose} inside
     * the caller's transaction (serialised per date and environment by a transaction-level advisory lock).
     */
    private static String allocate(Connection c, LocalDate date, Environment env, String purpose, Instant now)
            throws SQLException {
        xactLock(c, "batch-sequence\n" + date + '\n' + env);
        String highest = null;
        try (PreparedStatement query = c.prepareStatement("""
                SELECT max(sequence COLLATE "C") FROM batch_sequence WHERE creation_date = ? AND environment = ?""")) {
            query.setDate(1, Date.valueOf(date));
            query.setString(2, env.name());
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    highest = rs.getString(1);
                }
            }
        }
        String sequence = SequenceAllocator.next(highest == null ? Set.of() : Set.of(highest));
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO batch_sequence (creation_date, environment, sequence, purpose, allocated_at)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setDate(1, Date.valueOf(date));
            insert.setString(2, env.name());
            insert.setString(3, sequence);
            insert.setString(4, purpose);
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
        }
        return sequence;
    }

    private static void xactLock(Connection c, String name) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, hash(name));
            lock.execute();
        }
    }

    /** 64 bits of the SHA-256 of a lock name. */
    static long hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Row read(ResultSet rs) throws SQLException {
        try {
            LocalDate acrfDate = rs.getDate(13).toLocalDate();
            Environment env = Environment.valueOf(rs.getString(8));
            return new Row(rs.getLong(1), rs.getString(2), BatchFolder.valueOf(rs.getString(3)), rs.getString(4),
                    rs.getInt(5), Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)), env,
                    Optional.ofNullable(rs.getString(9)), json.readValue(rs.getString(10), NAMES), rs.getBoolean(11),
                    json.readValue(rs.getString(12), FINDINGS),
                    BatchFileName.acknowledgement(acrfDate, rs.getString(14), env), State.valueOf(rs.getString(16)),
                    rs.getTimestamp(17).toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("batch_transmission row unreadable", e);
        }
    }
}
