package io.reportingsuite.receipt.returfile;

import io.agroal.api.AgroalDataSource;
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
import java.util.UUID;

/** The delivery log in PostgreSQL (table {@code return_delivery}, V1). Plain JDBC: a handful of statements. */
@ApplicationScoped
public class DeliveryLog {

    private static final String COLUMNS = "delivery_key, hoved_id, forsendelse_type, case_system, file_name, "
            + "size_bytes, state, file_transfer_uuid, attempts, next_attempt_at";

    private final AgroalDataSource dataSource;

    public DeliveryLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Delivery> find(String deliveryKey) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM return_delivery WHERE delivery_key = ?")) {
            s.setString(1, deliveryKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Inserts the WRITING row; a concurrent insert of the same key wins and this one is a no-op.
     *
     * @param traceparent the W3C trace context of the span writing the file (V2), or null
     */
    public void insertWriting(Delivery d, Instant now, String traceparent) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO return_delivery (" + COLUMNS
                     + ", created_at, traceparent) VALUES (?, ?, ?, ?, ?, NULL, 'WRITING', ?, 0, ?, ?, ?)"
                     + " ON CONFLICT (delivery_key) DO NOTHING")) {
            s.setString(1, d.deliveryKey());
            s.setString(2, d.hovedIndberetningId());
            s.setString(3, d.forsendelseType());
            s.setString(4, d.caseSystem());
            s.setString(5, d.fileName());
            s.setObject(6, d.fileTransferUuid());
            s.setTimestamp(7, Timestamp.from(now));
            s.setTimestamp(8, Timestamp.from(now));
            s.setString(9, traceparent);
            s.executeUpdate();
        }
    }

    /** The W3C trace context the row's file was written in, or null. */
    public String traceparent(Connection c, String deliveryKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT traceparent FROM return_delivery WHERE delivery_key = ?")) {
            s.setString(1, deliveryKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The file is durable: PENDING (notification due now) or QUARANTINED. */
    public void markWritten(String deliveryKey, long size, Delivery.State state, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE return_delivery SET size_bytes = ?, state = ?,"
                     + " next_attempt_at = ? WHERE delivery_key = ? AND state = 'WRITING'")) {
            s.setLong(1, size);
            s.setString(2, state.name());
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, deliveryKey);
            s.executeUpdate();
        }
    }

    /**
     * Due PENDING rows, locked for the caller's transaction ({@code SKIP LOCKED}: several instances share
     * the work without sending a notification twice).
     */
    public List<Delivery> lockDue(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM return_delivery"
                + " WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            List<Delivery> due = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(map(rs));
                }
            }
            return due;
        }
    }

    /** The notifications not yet delivered: how many, and since when the oldest waits (null: none). */
    public record Backlog(long pending, Instant oldest) {
    }

    /** The PENDING rows (files written, case system not yet told): the notification backlog. */
    public Backlog backlog(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*), min(created_at) FROM return_delivery"
                + " WHERE state = 'PENDING'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        }
    }

    public void markDelivered(Connection c, String deliveryKey, int attempts, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE return_delivery SET state = 'DELIVERED',"
                + " attempts = ?, delivered_at = ?, last_error = NULL WHERE delivery_key = ?")) {
            s.setInt(1, attempts);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, deliveryKey);
            s.executeUpdate();
        }
    }

    public void markFailed(Connection c, String deliveryKey, int attempts, Instant next, String error)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE return_delivery SET attempts = ?,"
                + " next_attempt_at = ?, last_error = ? WHERE delivery_key = ?")) {
            s.setInt(1, attempts);
            s.setTimestamp(2, Timestamp.from(next));
            s.setString(3, error.length() > 200 ? error.substring(0, 200) : error);
            s.setString(4, deliveryKey);
            s.executeUpdate();
        }
    }

    /** Rows in a state, newest first (admin view and tests). */
    public List<Delivery> inState(Delivery.State state, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM return_delivery"
                     + " WHERE state = ? ORDER BY created_at DESC LIMIT ?")) {
            s.setString(1, state.name());
            s.setInt(2, limit);
            List<Delivery> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
            return rows;
        }
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        long size = rs.getLong(6);
        Long sizeBytes = rs.wasNull() ? null : size;
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                sizeBytes, Delivery.State.valueOf(rs.getString(7)), rs.getObject(8, UUID.class), rs.getInt(9),
                rs.getTimestamp(10).toInstant());
    }
}
