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

/**
 * The forsendelse table (V2, V3). Plain JDBC: a handful of statements, each in its own short transaction.
 * The payload is stored encrypted ({@link PayloadCipher}) with the id of its key.
 */
@ApplicationScoped
public class ForsendelseRepository {

    private static final String COLUMNS = """
            hoved_indberetning_id, content_sha256, system, channel, se_nummer, size_bytes, record_count,
            error_count, warning_count, received_at, queued_at, state""";

    /**
     * The state a forsendelse is shown in, by the list and by the detail view alike: the latest step any
     * service reported on suite.tracking (the same order as the detail view's timeline), else the stored
     * state. Used over a relation {@code f(hoved_indberetning_id, state)}.
     */
    private static final String CURRENT_STATE = """
            COALESCE((SELECT t.step FROM tracking_event t WHERE t.hoved_indberetning_id = f.hoved_indberetning_id
                      ORDER BY t.occurred_at DESC, t.stored_at DESC, t.event_id DESC LIMIT 1), f.state)""";

    private final DataSource dataSource;
    private final PayloadCipher cipher;

    public ForsendelseRepository(DataSource dataSource, PayloadCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    /** One line of a list: the stored facts and the state shown for them. */
    public record Listed(Forsendelse forsendelse, String state) {
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
        return store(f, payload, null, refuseOtherContent, c -> {
        });
    }

    /** Work done in the same transaction as a new forsendelse row (e.g. the Styret SFTP transfer row). */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection c) throws SQLException;
    }

    /** Where a file-backed forsendelse (Styret SFTP) is kept instead of a stored payload. */
    public record StoredFile(String fileName, String fileRef) {
    }

    /**
     * Stores a file-backed forsendelse (Styret SFTP, EP_FS2): the row carries the original file name and the
     * name it is kept under in the platform folder instead of a payload. {@code alsoWhenInserted} runs in the
     * same transaction when the row is new. Same id/content rules as {@link #store(Forsendelse, byte[], boolean)}.
     */
    public Outcome storeFile(Forsendelse f, StoredFile file, boolean refuseOtherContent, InTransaction alsoWhenInserted)
            throws SQLException {
        return store(f, null, file, refuseOtherContent, alsoWhenInserted);
    }

    private Outcome store(Forsendelse f, byte[] payload, StoredFile file, boolean refuseOtherContent,
                          InTransaction alsoWhenInserted) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = storeLocked(c, f, payload, file, refuseOtherContent);
                if (outcome instanceof Outcome.Inserted) {
                    alsoWhenInserted.run(c);
                }
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * The rows already stored under the id, and the new row inserted in the same statement unless one of them
     * has the same content or (when other content is refused) other content not {@code REFUSED}: one round trip
     * after the lock instead of a query and an insert. The statement's rows are those from before the insert, so
     * the outcome is decided from them by the same rule the insert's condition states.
     */
    private static final String STORE = "WITH known AS (SELECT " + COLUMNS + """
             FROM forsendelse WHERE hoved_indberetning_id = ?),
            inserted AS (INSERT INTO forsendelse (""" + COLUMNS + """
            , payload, payload_key_id, file_name, file_ref)
                SELECT ?::varchar, ?::char(64), ?::varchar, ?::varchar, ?::varchar, ?::bigint, ?::bigint, ?::bigint,
                       ?::bigint, ?::timestamptz, NULL::timestamptz, ?::varchar, ?::bytea, ?::varchar, ?::varchar,
                       ?::varchar
                WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.content_sha256 = ?
                                  OR (?::boolean AND k.state <> 'REFUSED'))
                RETURNING 1)
            SELECT * FROM known ORDER BY received_at""";

    private Outcome storeLocked(Connection c, Forsendelse f, byte[] payload, StoredFile file,
                                boolean refuseOtherContent) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, f.hovedIndberetningId());
            lock.execute();
        }
        // Sealed before it is known whether the row is new: only an exact resend or a conflict pays it in vain.
        PayloadCipher.Sealed sealed = payload == null ? null
                : cipher.seal(payload, f.hovedIndberetningId(), f.contentSha256());
        List<Forsendelse> known = new ArrayList<>();
        try (PreparedStatement store = c.prepareStatement(STORE)) {
            store.setString(1, f.hovedIndberetningId());
            store.setString(2, f.hovedIndberetningId());
            store.setString(3, f.contentSha256());
            store.setString(4, f.system());
            store.setString(5, f.channel());
            store.setString(6, f.seNummer());
            store.setLong(7, f.sizeBytes());
            store.setLong(8, f.records());
            store.setLong(9, f.errors());
            store.setLong(10, f.warnings());
            store.setTimestamp(11, Timestamp.from(f.receivedAt()));
            store.setString(12, f.state().name());
            store.setBytes(13, sealed == null ? null : sealed.bytes());
            store.setString(14, sealed == null ? null : sealed.keyId());
            store.setString(15, file == null ? null : file.fileName());
            store.setString(16, file == null ? null : file.fileRef());
            store.setString(17, f.contentSha256());
            store.setBoolean(18, refuseOtherContent);
            try (ResultSet rs = store.executeQuery()) {
                while (rs.next()) {
                    known.add(read(rs));
                }
            }
        }
        boolean otherContent = false;
        for (Forsendelse k : known) {
            if (k.contentSha256().equals(f.contentSha256())) {
                return new Outcome.Existing(k);
            }
            // A refused (never forwarded) Styret SFTP file does not block corrected content under its id.
            otherContent |= k.state() != Forsendelse.State.REFUSED;
        }
        if (otherContent && refuseOtherContent) {
            return new Outcome.Conflicting();
        }
        return new Outcome.Inserted(f);
    }

    /**
     * Records what validating a file-backed forsendelse found (counts, the reporting SE) and, when it was
     * refused, marks it {@link Forsendelse.State#REFUSED}.
     */
    public void recordValidation(String hovedIndberetningId, String contentSha256, String seNummer, long records,
                                 long errors, long warnings, boolean refused) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                UPDATE forsendelse SET se_nummer = ?, record_count = ?, error_count = ?, warning_count = ?,
                       state = CASE WHEN ? THEN 'REFUSED' ELSE state END
                WHERE hoved_indberetning_id = ? AND content_sha256 = ?""")) {
            update.setString(1, seNummer);
            update.setLong(2, records);
            update.setLong(3, errors);
            update.setLong(4, warnings);
            update.setBoolean(5, refused);
            update.setString(6, hovedIndberetningId);
            update.setString(7, contentSha256);
            update.executeUpdate();
        }
    }

    /** The stored file of a file-backed forsendelse (Styret SFTP), or empty for one with a stored payload. */
    public Optional<StoredFile> storedFile(String hovedIndberetningId, String contentSha256) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("""
                SELECT file_name, file_ref FROM forsendelse
                WHERE hoved_indberetning_id = ? AND content_sha256 = ? AND file_ref IS NOT NULL""")) {
            query.setString(1, hovedIndberetningId);
            query.setString(2, contentSha256);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new StoredFile(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * Records that the broker settled the durable message. @return true for the one call that moved the row from
     * RECEIVED to QUEUED (a late confirmation and a resend may race; only the winner reports QUEUED)
     */
    public boolean markQueued(String hovedIndberetningId, String contentSha256, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                UPDATE forsendelse SET state = 'QUEUED', queued_at = ?
                WHERE hoved_indberetning_id = ? AND content_sha256 = ? AND state = 'RECEIVED'""")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, hovedIndberetningId);
            update.setString(3, contentSha256);
            return update.executeUpdate() == 1;
        }
    }

    /** The forsendelse with this id and content. */
    public Optional<Forsendelse> find(String hovedIndberetningId, String contentSha256) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return all(c, hovedIndberetningId).stream().filter(f -> f.contentSha256().equals(contentSha256)).findFirst();
        }
    }

    /** The latest forsendelse under this id (several only when different content was passed through). */
    public Optional<Forsendelse> find(String hovedIndberetningId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Forsendelse> all = all(c, hovedIndberetningId);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }
    }

    /** One page of a system's forsendelser, newest first, optionally only those shown in {@code state}. */
    public List<Listed> list(String system, String state, Instant since, int offset, int limit)
            throws SQLException {
        List<Listed> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("SELECT * FROM"
                + " (SELECT " + COLUMNS + ", " + CURRENT_STATE + " AS current_state FROM forsendelse f"
                + " WHERE system = ?) listed" + """
                 WHERE (?::varchar IS NULL OR current_state = ?) AND (?::timestamptz IS NULL OR received_at >= ?)
                ORDER BY received_at DESC, hoved_indberetning_id OFFSET ? LIMIT ?""")) {
            query.setString(1, system);
            query.setString(2, state);
            query.setString(3, state);
            Timestamp from = since == null ? null : Timestamp.from(since);
            query.setTimestamp(4, from);
            query.setTimestamp(5, from);
            query.setInt(6, offset);
            query.setInt(7, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    page.add(new Listed(read(rs), rs.getString(13)));
                }
            }
        }
        return page;
    }

    /** The state the detail view shows for an id (see {@link #CURRENT_STATE}), or empty when nothing is known. */
    public Optional<String> currentState(String hovedIndberetningId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("SELECT "
                + CURRENT_STATE + """
                 FROM (SELECT ?::varchar AS hoved_indberetning_id, (SELECT state FROM forsendelse
                       WHERE hoved_indberetning_id = ? ORDER BY received_at DESC LIMIT 1) AS state) f""")) {
            query.setString(1, hovedIndberetningId);
            query.setString(2, hovedIndberetningId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The stored payload of one forsendelse, decrypted; empty for a file-backed one (see {@link #storedFile}). */
    public Optional<byte[]> payload(String hovedIndberetningId, String contentSha256) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("""
                SELECT payload, payload_key_id FROM forsendelse
                WHERE hoved_indberetning_id = ? AND content_sha256 = ? AND payload IS NOT NULL""")) {
            query.setString(1, hovedIndberetningId);
            query.setString(2, contentSha256);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(cipher.open(new PayloadCipher.Sealed(rs.getString(2), rs.getBytes(1)),
                        hovedIndberetningId, contentSha256)) : Optional.empty();
            }
        }
    }

    /**
     * Re-encrypts up to {@code limit} payloads stored under another key than the current one (or plaintext,
     * from before V3) under the current key, in one transaction; rows another instance is re-encrypting are
     * skipped. @return how many rows were re-encrypted
     */
    public int reencrypt(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int done = 0;
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT hoved_indberetning_id, content_sha256, payload, payload_key_id FROM forsendelse
                    WHERE payload_key_id <> ? LIMIT ? FOR UPDATE SKIP LOCKED""");
                 PreparedStatement update = c.prepareStatement("""
                    UPDATE forsendelse SET payload = ?, payload_key_id = ?
                    WHERE hoved_indberetning_id = ? AND content_sha256 = ?""")) {
                select.setString(1, cipher.currentKey());
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        String sha = rs.getString(2);
                        byte[] plain = cipher.open(new PayloadCipher.Sealed(rs.getString(4), rs.getBytes(3)), id, sha);
                        PayloadCipher.Sealed sealed = cipher.seal(plain, id, sha);
                        update.setBytes(1, sealed.bytes());
                        update.setString(2, sealed.keyId());
                        update.setString(3, id);
                        update.setString(4, sha);
                        update.executeUpdate();
                        done++;
                    }
                }
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
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
