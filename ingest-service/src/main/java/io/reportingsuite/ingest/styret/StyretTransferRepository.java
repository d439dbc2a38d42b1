package io.reportingsuite.ingest.styret;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code styret_transfer} table (V4): the durable state of every notified Styret SFTP file. Plain JDBC,
 * one short transaction per statement; a row is worked on only by the instance holding its lease.
 */
@ApplicationScoped
public class StyretTransferRepository {

    private static final String COLUMNS = """
            file_transfer_uuid, hoved_indberetning_id, content_sha256, system, file_name, size_bytes, state,
            accepted, error_messages::text, attempts, notified_at""";

    private final DataSource dataSource;

    public StyretTransferRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The steps of a transfer. */
    public enum State {
        /** In the platform folder, not yet validated. */
        MOVED,
        /** Validated; the kvittering (positive or negative) is not delivered yet. */
        VALIDATED,
        /** Positive kvittering delivered; not yet on eindkomst.forsendelser. */
        KVITTERED,
        /** Handed to the broker: done. */
        FORWARDED,
        /** Negative kvittering delivered: done, never forwarded. */
        REFUSED
    }

    /** One transfer as the pipeline needs it. {@code errorMessages} is the JSON of the kvittering's findings. */
    public record Transfer(UUID fileTransferUuid, String hovedIndberetningId, String contentSha256, String system,
                           String fileName, long sizeBytes, State state, Boolean accepted, String errorMessages,
                           int attempts, Instant notifiedAt) {
    }

    /** Inserts a new transfer in state MOVED, due at once, inside the caller's transaction. */
    public void insert(Connection c, Transfer t) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO styret_transfer (file_transfer_uuid, hoved_indberetning_id, content_sha256, system,
                    file_name, size_bytes, state, next_attempt_at, notified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, t.fileTransferUuid());
            insert.setString(2, t.hovedIndberetningId());
            insert.setString(3, t.contentSha256());
            insert.setString(4, t.system());
            insert.setString(5, t.fileName());
            insert.setLong(6, t.sizeBytes());
            insert.setString(7, State.MOVED.name());
            insert.setTimestamp(8, Timestamp.from(t.notifiedAt()));
            insert.setTimestamp(9, Timestamp.from(t.notifiedAt()));
            insert.executeUpdate();
        }
    }

    /** The transfer of an id and content, if that content came by Styret SFTP. */
    public Optional<Transfer> find(String hovedIndberetningId, String contentSha256) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("SELECT "
                + COLUMNS + " FROM styret_transfer WHERE hoved_indberetning_id = ? AND content_sha256 = ?")) {
            query.setString(1, hovedIndberetningId);
            query.setString(2, contentSha256);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Transfer> find(UUID fileTransferUuid) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("SELECT "
                + COLUMNS + " FROM styret_transfer WHERE file_transfer_uuid = ?")) {
            query.setObject(1, fileTransferUuid);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Takes the lease of the transfer that is due longest, skipping rows another instance holds or is
     * claiming right now. @return empty when nothing is due
     */
    public Optional<Transfer> claimDue(Instant now, Instant leaseUntil) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement claim = c.prepareStatement("UPDATE"
                + " styret_transfer SET lease_until = ? WHERE file_transfer_uuid = (SELECT file_transfer_uuid"
                + " FROM styret_transfer WHERE state IN ('MOVED', 'VALIDATED', 'KVITTERED') AND next_attempt_at <= ?"
                + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT 1"
                + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
            claim.setTimestamp(1, Timestamp.from(leaseUntil));
            claim.setTimestamp(2, Timestamp.from(now));
            claim.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = claim.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Extends the lease while a long step runs. */
    public void renewLease(UUID id, Instant leaseUntil) throws SQLException {
        update("UPDATE styret_transfer SET lease_until = ? WHERE file_transfer_uuid = ?",
                Timestamp.from(leaseUntil), id);
    }

    /** MOVED → VALIDATED with the outcome and the findings the kvittering will name. */
    public void validated(UUID id, boolean accepted, long records, long errors, long warnings, String errorMessages,
                          Instant now) throws SQLException {
        update("""
                UPDATE styret_transfer SET state = 'VALIDATED', accepted = ?, record_count = ?, error_count = ?,
                       warning_count = ?, error_messages = ?::jsonb, attempts = 0, next_attempt_at = ?,
                       lease_until = NULL, last_failure = NULL
                WHERE file_transfer_uuid = ? AND state = 'MOVED'""",
                accepted, records, errors, warnings, errorMessages, Timestamp.from(now), id);
    }

    /** VALIDATED → KVITTERED (accepted) or REFUSED (negative kvittering). */
    public void kvittered(UUID id, boolean accepted, Instant now) throws SQLException {
        update("""
                UPDATE styret_transfer SET state = ?, kvittering_at = ?, attempts = 0, next_attempt_at = ?,
                       lease_until = NULL, last_failure = NULL
                WHERE file_transfer_uuid = ? AND state = 'VALIDATED'""",
                accepted ? State.KVITTERED.name() : State.REFUSED.name(), Timestamp.from(now), Timestamp.from(now),
                id);
    }

    /** KVITTERED → FORWARDED. */
    public void forwarded(UUID id, Instant now) throws SQLException {
        update("""
                UPDATE styret_transfer SET state = 'FORWARDED', forwarded_at = ?, lease_until = NULL,
                       last_failure = NULL
                WHERE file_transfer_uuid = ? AND state = 'KVITTERED'""", Timestamp.from(now), id);
    }

    /** The current step failed: try again at {@code next} (the lease is given up). */
    public void retryLater(UUID id, int attempts, Instant next, String failure) throws SQLException {
        update("""
                UPDATE styret_transfer SET attempts = ?, next_attempt_at = ?, lease_until = NULL, last_failure = ?
                WHERE file_transfer_uuid = ?""",
                attempts, Timestamp.from(next), failure.length() > 200 ? failure.substring(0, 200) : failure, id);
    }

    private void update(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }

    private static Transfer read(ResultSet rs) throws SQLException {
        Object accepted = rs.getObject(8);
        return new Transfer(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6), State.valueOf(rs.getString(7)), (Boolean) accepted, rs.getString(9),
                rs.getInt(10), rs.getTimestamp(11).toInstant());
    }
}
