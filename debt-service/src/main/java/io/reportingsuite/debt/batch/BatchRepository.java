package io.reportingsuite.debt.batch;

import io.reportingsuite.debt.rules.LegalContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The batch tables (V2, V3). Plain JDBC; the worker's chunk methods run on its transaction's connection. */
@ApplicationScoped
public class BatchRepository {

    private static final String HEADER = "id, consumer, legal_context, closing_date, source, request_id, total, done,"
            + " group_size, groups_sent, state, environment, mandant";

    private final DataSource dataSource;

    public BatchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Stores a new batch; false when a batch with this id exists already (a redelivered AMQP request). */
    public boolean create(DebtBatch b, List<BatchItem> items, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into debt_batch (id, consumer, legal_context,"
                        + " closing_date, source, request_id, items, total, group_size, state, created_at, environment,"
                        + " mandant) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) on conflict (id) do nothing")) {
            ps.setObject(1, b.id());
            ps.setString(2, b.consumer());
            ps.setString(3, b.legalContext().name());
            ps.setDate(4, b.closingDate() == null ? null : Date.valueOf(b.closingDate()));
            ps.setString(5, b.source());
            ps.setString(6, b.requestId());
            ps.setArray(7, c.createArrayOf("text", items.stream().map(BatchItem::encode).toArray()));
            ps.setInt(8, items.size());
            ps.setInt(9, b.groupSize());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setString(11, b.environment());
            ps.setString(12, b.mandant());
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<DebtBatch> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + HEADER + " from debt_batch where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(header(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Locks the oldest batch that has work left (items to compute, or groups to publish) and that no other
     * instance holds; empty when there is none.
     */
    Optional<DebtBatch> lockNext(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + HEADER + " from debt_batch"
                + " where state <> 'DONE' or (source = 'AMQP' and groups_sent < (total + group_size - 1) / group_size)"
                + " order by created_at limit 1 for update skip locked")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(header(rs)) : Optional.empty();
            }
        }
    }

    /** Items {@code from} (inclusive) to {@code to} (exclusive), zero-based. */
    List<BatchItem> items(Connection c, UUID id, int from, int to) throws SQLException {
        List<BatchItem> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select unnest(items[?:?]) from debt_batch where id = ?")) {
            ps.setInt(1, from + 1);
            ps.setInt(2, to);
            ps.setObject(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(BatchItem.decode(rs.getString(1)));
                }
            }
        }
        return items;
    }

    /** Stores a chunk's results and moves the progress counter, in the caller's transaction. */
    void storeChunk(Connection c, DebtBatch b, int from, List<String> results, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into debt_batch_result (batch_id, position, result) values (?, ?, ?)")) {
            for (int i = 0; i < results.size(); i++) {
                ps.setObject(1, b.id());
                ps.setInt(2, from + i);
                ps.setString(3, results.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        int done = from + results.size();
        try (PreparedStatement ps = c.prepareStatement("update debt_batch set done = ?, state = ?, finished_at = ?"
                + " where id = ? and done = ?")) {
            ps.setInt(1, done);
            ps.setString(2, done == b.total() ? "DONE" : "RUNNING");
            ps.setTimestamp(3, done == b.total() ? Timestamp.from(now) : null);
            ps.setObject(4, b.id());
            ps.setInt(5, from);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("batch progress moved under a held lock");
            }
        }
    }

    void groupSent(Connection c, UUID id, int group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update debt_batch set groups_sent = ? where id = ? and groups_sent = ?")) {
            ps.setInt(1, group + 1);
            ps.setObject(2, id);
            ps.setInt(3, group);
            ps.executeUpdate();
        }
    }

    /** The stored results (JSON texts) from {@code from} to {@code to} (exclusive), in order. */
    public List<String> results(UUID id, int from, int to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return results(c, id, from, to);
        }
    }

    List<String> results(Connection c, UUID id, int from, int to) throws SQLException {
        List<String> results = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select result from debt_batch_result"
                + " where batch_id = ? and position >= ? and position < ? order by position")) {
            ps.setObject(1, id);
            ps.setInt(2, from);
            ps.setInt(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    results.add(rs.getString(1));
                }
            }
        }
        return results;
    }

    private static DebtBatch header(ResultSet rs) throws SQLException {
        Date closing = rs.getDate(4);
        return new DebtBatch(rs.getObject(1, UUID.class), rs.getString(2), LegalContext.valueOf(rs.getString(3)),
                closing == null ? null : closing.toLocalDate(), rs.getString(5), rs.getString(6), rs.getInt(7),
                rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getString(11), rs.getString(12), rs.getString(13));
    }
}
