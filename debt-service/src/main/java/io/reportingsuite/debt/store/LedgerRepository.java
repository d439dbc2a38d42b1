package io.reportingsuite.debt.store;

import io.reportingsuite.debt.ledger.Dispute;
import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.Quarter;
import io.reportingsuite.debt.ledger.QuarterEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the employer ledger (V1). Plain JDBC: one short read per lookup. */
@ApplicationScoped
public class LedgerRepository {

    /** Which identifier a lookup uses. */
    public enum Key {
        COMPANY_ID("company_id"), NOSS_REGISTRATION_NBR("noss_registration_nbr");

        private final String column;

        Key(String column) {
            this.column = column;
        }
    }

    private final DataSource dataSource;

    public LedgerRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<EmployerAccount> find(Key key, String normalisedId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, key, normalisedId);
        }
    }

    /**
     * Looks several employers up with three statements in all (employers, their quarters, their disputes),
     * whatever their number: SOAP requests with many details and batch chunks.
     */
    public List<Optional<EmployerAccount>> findAll(List<Key> keys, List<String> ids) throws SQLException {
        if (ids.size() == 1) {
            return List.of(find(keys.get(0), ids.get(0)));
        }
        List<String> companyIds = new ArrayList<>();
        List<String> nossNumbers = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            (keys.get(i) == Key.COMPANY_ID ? companyIds : nossNumbers).add(ids.get(i));
        }
        Map<Long, Row> rows = new HashMap<>();
        Map<String, Long> byCompany = new HashMap<>();
        Map<String, Long> byNoss = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select id, company_id, noss_registration_nbr, denomination,"
                    + " plan_active, plan_followed from employer"
                    + " where company_id = any(?) or noss_registration_nbr = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", companyIds.toArray()));
                ps.setArray(2, c.createArrayOf("text", nossNumbers.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Row row = new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                                rs.getBoolean(6), new ArrayList<>(), new ArrayList<>());
                        rows.put(rs.getLong(1), row);
                        byCompany.put(row.companyId, rs.getLong(1));
                        if (row.noss != null) {
                            byNoss.put(row.noss, rs.getLong(1));
                        }
                    }
                }
            }
            Array employerIds = c.createArrayOf("bigint", rows.keySet().toArray());
            try (PreparedStatement ps = c.prepareStatement("select employer_id, quarter, contribution_cents, paid_cents,"
                    + " increases_cents, interests_cents, legal_costs_cents, due_date, dmfa_filed from employer_quarter"
                    + " where employer_id = any(?) order by employer_id, quarter")) {
                ps.setArray(1, employerIds);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.get(rs.getLong(1)).quarters.add(new QuarterEntry(Quarter.parse(rs.getString(2)),
                                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                rs.getDate(8).toLocalDate(), rs.getBoolean(9)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select employer_id, dispute_type, amount_cents from dispute"
                    + " where employer_id = any(?) order by employer_id, position")) {
                ps.setArray(1, employerIds);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.get(rs.getLong(1)).disputes.add(new Dispute(rs.getString(2), rs.getLong(3)));
                    }
                }
            }
        }
        List<Optional<EmployerAccount>> found = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long id = (keys.get(i) == Key.COMPANY_ID ? byCompany : byNoss).get(ids.get(i));
            found.add(id == null ? Optional.empty() : Optional.of(rows.get(id).account()));
        }
        return found;
    }

    private record Row(String companyId, String noss, String denomination, boolean planActive, boolean planFollowed,
            List<QuarterEntry> quarters, List<Dispute> disputes) {
        EmployerAccount account() {
            return new EmployerAccount(companyId, noss, denomination, quarters, disputes, planActive, planFollowed);
        }
    }

    private Optional<EmployerAccount> find(Connection c, Key key, String id) throws SQLException {
        long employerId;
        String companyId;
        String noss;
        String denomination;
        boolean planActive;
        boolean planFollowed;
        try (PreparedStatement ps = c.prepareStatement("select id, company_id, noss_registration_nbr, denomination,"
                + " plan_active, plan_followed from employer where " + key.column + " = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                employerId = rs.getLong(1);
                companyId = rs.getString(2);
                noss = rs.getString(3);
                denomination = rs.getString(4);
                planActive = rs.getBoolean(5);
                planFollowed = rs.getBoolean(6);
            }
        }
        List<QuarterEntry> quarters = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select quarter, contribution_cents, paid_cents, increases_cents,"
                + " interests_cents, legal_costs_cents, due_date, dmfa_filed from employer_quarter"
                + " where employer_id = ? order by quarter")) {
            ps.setLong(1, employerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    quarters.add(new QuarterEntry(Quarter.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getDate(7).toLocalDate(), rs.getBoolean(8)));
                }
            }
        }
        List<Dispute> disputes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select dispute_type, amount_cents from dispute where employer_id = ? order by position")) {
            ps.setLong(1, employerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    disputes.add(new Dispute(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return Optional.of(new EmployerAccount(companyId, noss, denomination, quarters, disputes, planActive,
                planFollowed));
    }

    /** Every enterprise number in the ledger, in order (demo checks, the SOAP/REST comparison). */
    public List<String> companyIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select company_id from employer order by company_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
