package io.reportingsuite.debt.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.debt.ledger.Dispute;
import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.QuarterEntry;
import io.reportingsuite.debt.service.ImportReport;
import io.reportingsuite.debt.service.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes a ledger import in one transaction: all of it or, on any refusal or failure, nothing. Imports with
 * the same importId are serialised by a transaction-scoped advisory lock, so a repeat is answered from the
 * first.
 */
@ApplicationScoped
public class LedgerWriter {

    /** What {@link #write} found or did. */
    public sealed interface Outcome {
        record Imported(ImportReport report) implements Outcome {
        }

        record Replayed(ImportReport report) implements Outcome {
        }

        record ConflictingContent() implements Outcome {
        }

        record Refused(ImportReport report) implements Outcome {
        }
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    public LedgerWriter(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Outcome write(String importId, String contentSha256, List<EmployerAccount> employers, Instant now)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = writeLocked(c, importId, contentSha256, employers, now);
                if (outcome instanceof Outcome.Imported) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Outcome writeLocked(Connection c, String importId, String sha, List<EmployerAccount> employers,
            Instant now) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "ledger-import:" + importId);
            lock.execute();
        }
        Optional<String[]> previous = previous(c, importId);
        if (previous.isPresent()) {
            if (!previous.get()[0].equals(sha)) {
                return new Outcome.ConflictingContent();
            }
            return new Outcome.Replayed(readReport(previous.get()[1]).asReplay());
        }
        int employersAdded = 0;
        int employersReplaced = 0;
        int quartersAdded = 0;
        int quartersReplaced = 0;
        for (int i = 0; i < employers.size(); i++) {
            EmployerAccount e = employers.get(i);
            if (e.nossRegistrationNbr() != null) {
                Optional<String> owner = companyOfNoss(c, e.nossRegistrationNbr());
                if (owner.isPresent() && !owner.get().equals(e.companyId())) {
                    return new Outcome.Refused(ImportReport.refused(importId, List.of(new Refusal(
                            "/employers/" + i + "/nossRegistrationNbr",
                            "The registration number belongs to another employer in the ledger."))));
                }
            }
            long id;
            boolean inserted;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into employer (company_id, noss_registration_nbr, denomination, plan_active, plan_followed,
                                          import_id)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (company_id) do update set noss_registration_nbr = excluded.noss_registration_nbr,
                        denomination = excluded.denomination, plan_active = excluded.plan_active,
                        plan_followed = excluded.plan_followed, import_id = excluded.import_id
                    returning id, (xmax = 0)""")) {
                ps.setString(1, e.companyId());
                ps.setString(2, e.nossRegistrationNbr());
                ps.setString(3, e.denomination());
                ps.setBoolean(4, e.paymentPlanActive());
                ps.setBoolean(5, e.paymentPlanFollowed());
                ps.setString(6, importId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                    inserted = rs.getBoolean(2);
                }
            }
            Set<String> existing = inserted ? Set.of() : existingQuarters(c, id);
            if (inserted) {
                employersAdded++;
            } else {
                employersReplaced++;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into employer_quarter (employer_id, quarter, contribution_cents, paid_cents, increases_cents,
                                                  interests_cents, legal_costs_cents, due_date, dmfa_filed)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (employer_id, quarter) do update set contribution_cents = excluded.contribution_cents,
                        paid_cents = excluded.paid_cents, increases_cents = excluded.increases_cents,
                        interests_cents = excluded.interests_cents, legal_costs_cents = excluded.legal_costs_cents,
                        due_date = excluded.due_date, dmfa_filed = excluded.dmfa_filed""")) {
                for (QuarterEntry q : e.quarters()) {
                    ps.setLong(1, id);
                    ps.setString(2, q.quarter().toString());
                    ps.setLong(3, q.contributionCents());
                    ps.setLong(4, q.paidCents());
                    ps.setLong(5, q.increasesCents());
                    ps.setLong(6, q.interestsCents());
                    ps.setLong(7, q.legalCostsCents());
                    ps.setDate(8, Date.valueOf(q.dueDate()));
                    ps.setBoolean(9, q.dmfaFiled());
                    ps.addBatch();
                    if (existing.contains(q.quarter().toString())) {
                        quartersReplaced++;
                    } else {
                        quartersAdded++;
                    }
                }
                ps.executeBatch();
            }
            if (!inserted) {
                try (PreparedStatement del = c.prepareStatement("delete from dispute where employer_id = ?")) {
                    del.setLong(1, id);
                    del.executeUpdate();
                }
            }
            if (!e.disputes().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into dispute (employer_id, position, dispute_type, amount_cents) values (?, ?, ?, ?)")) {
                    int position = 0;
                    for (Dispute d : e.disputes()) {
                        ps.setLong(1, id);
                        ps.setInt(2, position++);
                        ps.setString(3, d.disputeType());
                        ps.setLong(4, d.amountCents());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
        ImportReport report = new ImportReport(importId, "IMPORTED", now, employersAdded, employersReplaced,
                quartersAdded, quartersReplaced, false, List.of());
        try (PreparedStatement ps = c.prepareStatement(
                "insert into ledger_import (import_id, content_sha256, imported_at, report) values (?, ?, ?, ?)")) {
            ps.setString(1, importId);
            ps.setString(2, sha);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, writeReport(report));
            ps.executeUpdate();
        }
        return new Outcome.Imported(report);
    }

    private static Optional<String[]> previous(Connection c, String importId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select content_sha256, report from ledger_import where import_id = ?")) {
            ps.setString(1, importId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    private static Optional<String> companyOfNoss(Connection c, String noss) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select company_id from employer where noss_registration_nbr = ?")) {
            ps.setString(1, noss);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Set<String> existingQuarters(Connection c, long employerId) throws SQLException {
        Set<String> quarters = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select quarter from employer_quarter where employer_id = ?")) {
            ps.setLong(1, employerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    quarters.add(rs.getString(1));
                }
            }
        }
        return quarters;
    }

    private String writeReport(ImportReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The import report could not be written as JSON.", e);
        }
    }

    private ImportReport readReport(String text) {
        try {
            return json.readValue(text, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored import report could not be read.", e);
        }
    }
}
