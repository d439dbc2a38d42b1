package io.reportingsuite.ingest.batch;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The mandate registry ({@code batch_mandate}, V5): which representative (social secretariat, service provider)
 * may submit for which mandant (employer) for which service, from when to when. Plain JDBC; an upsert of a list
 * is one transaction (all or nothing).
 */
@ApplicationScoped
public class MandateRegistry {

    private static final String COLUMNS = "id, representative, mandant, service, valid_from, valid_to, revoked_at";

    /**
     * One mandate; enterprise numbers as ten digits.
     *
     * @param id        absent before it is stored
     * @param validTo   the last day it is valid, absent = open-ended
     * @param revokedAt when it was revoked, absent while not revoked
     */
    public record Mandate(Optional<Long> id, String representative, String mandant, String service,
                          LocalDate validFrom, Optional<LocalDate> validTo, Optional<Instant> revokedAt) {

        /** Its state on a day. */
        public Status statusOn(LocalDate day) {
            if (revokedAt.isPresent()) {
                return Status.REVOKED;
            }
            if (day.isBefore(validFrom)) {
                return Status.NOT_YET_VALID;
            }
            if (validTo.isPresent() && day.isAfter(validTo.get())) {
                return Status.EXPIRED;
            }
            return Status.ACTIVE;
        }
    }

    /** Whether a representative may submit for a mandant on a day. */
    public enum Status {
        ACTIVE, NONE, EXPIRED, REVOKED, NOT_YET_VALID
    }

    private final DataSource dataSource;
    private final Clock clock;

    public MandateRegistry(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * The state of the representative's mandates for the mandant and service on the day: ACTIVE when one is
     * active; otherwise that of the latest-starting one (NONE when there is none).
     */
    public Status status(String representative, String mandant, String service, LocalDate day) throws SQLException {
        List<Mandate> mandates = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("SELECT "
                + COLUMNS + " FROM batch_mandate WHERE representative = ? AND mandant = ? AND service = ?")) {
            select.setString(1, representative);
            select.setString(2, mandant);
            select.setString(3, service);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    mandates.add(mandate(rows));
                }
            }
        }
        if (mandates.stream().anyMatch(m -> m.statusOn(day) == Status.ACTIVE)) {
            return Status.ACTIVE;
        }
        return mandates.stream().max(Comparator.comparing(Mandate::validFrom)).map(m -> m.statusOn(day))
                .orElse(Status.NONE);
    }

    /**
     * Inserts or updates (on representative, mandant, service and valid-from: the valid-to) every mandate, in one
     * transaction; a revoked mandate stays revoked. Returns the stored mandates in the given order.
     */
    public List<Mandate> upsert(List<Mandate> mandates) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        List<Mandate> stored = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO batch_mandate (representative, mandant, service, valid_from, valid_to, created_at,
                        updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (representative, mandant, service, valid_from)
                    DO UPDATE SET valid_to = EXCLUDED.valid_to, updated_at = EXCLUDED.updated_at
                    RETURNING\s""" + COLUMNS)) {
                for (Mandate m : mandates) {
                    upsert.setString(1, m.representative());
                    upsert.setString(2, m.mandant());
                    upsert.setString(3, m.service());
                    upsert.setDate(4, Date.valueOf(m.validFrom()));
                    upsert.setDate(5, m.validTo().map(Date::valueOf).orElse(null));
                    upsert.setTimestamp(6, now);
                    upsert.setTimestamp(7, now);
                    try (ResultSet rows = upsert.executeQuery()) {
                        rows.next();
                        stored.add(mandate(rows));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return stored;
    }

    /** Every mandate, or a representative's, by id. */
    public List<Mandate> list(Optional<String> representative) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("SELECT "
                + COLUMNS + " FROM batch_mandate" + (representative.isPresent() ? " WHERE representative = ?" : "")
                + " ORDER BY id")) {
            if (representative.isPresent()) {
                select.setString(1, representative.get());
            }
            List<Mandate> mandates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    mandates.add(mandate(rows));
                }
            }
            return mandates;
        }
    }

    /** Revokes a mandate now (a revoked one keeps its first revocation time); false when there is no such id. */
    public boolean revoke(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE batch_mandate SET revoked_at = COALESCE(revoked_at, ?), updated_at = ? WHERE id = ?")) {
            Timestamp now = Timestamp.from(clock.instant());
            update.setTimestamp(1, now);
            update.setTimestamp(2, now);
            update.setLong(3, id);
            return update.executeUpdate() == 1;
        }
    }

    private static Mandate mandate(ResultSet rows) throws SQLException {
        Date validTo = rows.getDate("valid_to");
        Timestamp revokedAt = rows.getTimestamp("revoked_at");
        return new Mandate(Optional.of(rows.getLong("id")), rows.getString("representative"),
                rows.getString("mandant"), rows.getString("service"), rows.getDate("valid_from").toLocalDate(),
                Optional.ofNullable(validTo).map(Date::toLocalDate), Optional.ofNullable(revokedAt)
                .map(Timestamp::toInstant));
    }
}
