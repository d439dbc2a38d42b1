package io.reportingsuite.debt.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The query audit (V1 {@code query_audit}): who asked, when, about which employer, in which context, with which result code. */
@ApplicationScoped
public class AuditRepository {

    /** One audited query. {@code employer} is the normalised identifier asked for, "-" when it was not valid. */
    public record Entry(long id, String consumer, Instant queriedAt, String employer, String legalContext,
            String resultCode) {
    }

    private final DataSource dataSource;

    public AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(List<Entry> entries) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            record(c, entries);
        }
    }

    /** Records on the caller's connection, inside its transaction (batch chunks). */
    public void record(Connection c, List<Entry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into query_audit (consumer, queried_at, employer,"
                        + " legal_context, result_code) values (?, ?, ?, ?, ?)")) {
            for (Entry e : entries) {
                ps.setString(1, e.consumer());
                ps.setTimestamp(2, Timestamp.from(e.queriedAt()));
                ps.setString(3, e.employer());
                ps.setString(4, e.legalContext());
                ps.setString(5, e.resultCode());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The newest entries first, optionally only one consumer's, at most {@code limit}. */
    public List<Entry> latest(String consumer, int limit) throws SQLException {
        String sql = "select id, consumer, queried_at, employer, legal_context, result_code from query_audit"
                + (consumer == null ? "" : " where consumer = ?") + " order by id desc limit ?";
        List<Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (consumer != null) {
                ps.setString(i++, consumer);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return entries;
    }
}
