package io.reportingsuite.receipt.skattekort;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Beskedfordeler messages already published (table {@code skattekort_besked}): our idempotency record. */
@ApplicationScoped
public class SkattekortLog {

    private final AgroalDataSource dataSource;

    public SkattekortLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean published(UUID beskedId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM skattekort_besked WHERE besked_id = ?")) {
            s.setObject(1, beskedId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void record(UUID beskedId, String skatMessageId, int position, String caseSystem, Instant at)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO skattekort_besked (besked_id, skat_message_id,"
                     + " position, case_system, published_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setObject(1, beskedId);
            s.setString(2, skatMessageId);
            s.setInt(3, position);
            s.setString(4, caseSystem);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** Messages published per case system (admin view, demo). */
    public java.util.Map<String, Long> countsBySystem() throws SQLException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT case_system, count(*) FROM skattekort_besked"
                     + " GROUP BY case_system");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
