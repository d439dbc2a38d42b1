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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the employer ledger (V1). Plain JDBC: one statement, one round trip per lookup of any size. */
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

    /** One employer asked about: {@code key} and {@code id} null when the identifier was not valid. */
    public record Lookup(Key key, String id) {
    }

    /*
     * One statement, one round trip, whatever the number of employers: the identifiers go in as two arrays
     * (kind 'C' = enterprise number, 'N' = NOSS number, null = not a valid identifier), each is looked up by
     * its unique index (a lateral join, so each uses the index), and its quarters and disputes come back
     * aggregated into arrays on the same row. A read only: the sync queries' audit rows are committed by
     * AuditWriter in groups (a write here would make every query wait for its own WAL flush).
     */
    private static final String REQUESTED = "with req as (select r.pos, r.kind, r.ident"
            + " from unnest(?::text[], ?::text[]) with ordinality as r(kind, ident, pos)),"
            + " found as (select req.pos, req.kind, req.ident, e.id, e.company_id, e.noss_registration_nbr,"
            + " e.denomination, e.plan_active, e.plan_followed from req left join lateral ("
            + "(select id, company_id, noss_registration_nbr, denomination, plan_active, plan_followed from employer"
            + " where req.kind = 'C' and company_id = req.ident::bpchar)"
            + " union all (select id, company_id, noss_registration_nbr, denomination, plan_active, plan_followed"
            + " from employer where req.kind = 'N' and noss_registration_nbr = req.ident)"
            + " limit 1) e on true)";
    private static final String SELECTED = " select f.id, f.company_id, f.noss_registration_nbr, f.denomination,"
            + " f.plan_active, f.plan_followed, q.quarter, q.contribution, q.paid, q.increases, q.interests,"
            + " q.legal_costs, q.due_date, q.dmfa_filed, d.dispute_type, d.amount from found f"
            + " left join lateral (select array_agg(quarter::text order by quarter) as quarter,"
            + " array_agg(contribution_cents order by quarter) as contribution,"
            + " array_agg(paid_cents order by quarter) as paid, array_agg(increases_cents order by quarter) as increases,"
            + " array_agg(interests_cents order by quarter) as interests,"
            + " array_agg(legal_costs_cents order by quarter) as legal_costs,"
            + " array_agg(due_date - date '1970-01-01' order by quarter) as due_date, array_agg(dmfa_filed order by quarter) as dmfa_filed"
            + " from employer_quarter where employer_id = f.id) q on f.id is not null"
            + " left join lateral (select array_agg(dispute_type order by position) as dispute_type,"
            + " array_agg(amount_cents order by position) as amount from dispute where employer_id = f.id) d"
            + " on f.id is not null order by f.pos";
    /** The read; public for the benchmark's EXPLAIN. */
    public static final String FIND = REQUESTED + SELECTED;

    public Optional<EmployerAccount> find(Key key, String normalisedId) throws SQLException {
        return lookUp(List.of(new Lookup(key, normalisedId))).get(0);
    }

    /** Several employers in one statement. */
    public List<Optional<EmployerAccount>> findAll(List<Key> keys, List<String> ids) throws SQLException {
        List<Lookup> lookups = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            lookups.add(new Lookup(keys.get(i), ids.get(i)));
        }
        return lookUp(lookups);
    }

    /** Looks every identifier up (empty for an invalid one or one unknown to the ledger): one round trip. */
    public List<Optional<EmployerAccount>> lookUp(List<Lookup> lookups) throws SQLException {
        String[] kinds = new String[lookups.size()];
        String[] idents = new String[lookups.size()];
        for (int i = 0; i < lookups.size(); i++) {
            Lookup l = lookups.get(i);
            kinds[i] = l.key() == null ? null : l.key() == Key.COMPANY_ID ? "C" : "N";
            idents[i] = l.key() == null ? null : l.id();
        }
        List<Optional<EmployerAccount>> found = new ArrayList<>(lookups.size());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(FIND)) {
            // Array literals cast by the statement (?::text[]): cheaper than the driver's createArrayOf/setArray,
            // which showed in the REST path's CPU profile.
            ps.setString(1, textArray(kinds));
            ps.setString(2, textArray(idents));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1) == null ? Optional.empty() : Optional.of(account(rs)));
                }
            }
        }
        if (found.size() != lookups.size()) {
            throw new SQLException("expected " + lookups.size() + " rows, read " + found.size());
        }
        return found;
    }

    /** A PostgreSQL text[] literal: every element quoted and escaped, null as NULL. */
    static String textArray(String[] values) {
        StringBuilder b = new StringBuilder(values.length * 14 + 2).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values[i];
            if (v == null) {
                b.append("NULL");
                continue;
            }
            b.append('"');
            for (int k = 0; k < v.length(); k++) {
                char ch = v.charAt(k);
                if (ch == '"' || ch == '\\') {
                    b.append('\\');
                }
                b.append(ch);
            }
            b.append('"');
        }
        return b.append('}').toString();
    }

    private static EmployerAccount account(ResultSet rs) throws SQLException {
        List<QuarterEntry> quarters = new ArrayList<>();
        String[] quarter = strings(rs.getArray(7));
        if (quarter != null) {
            Long[] contribution = longs(rs.getArray(8));
            Long[] paid = longs(rs.getArray(9));
            Long[] increases = longs(rs.getArray(10));
            Long[] interests = longs(rs.getArray(11));
            Long[] legalCosts = longs(rs.getArray(12));
            Integer[] dueDate = (Integer[]) rs.getArray(13).getArray(); // epoch days: no date parsing per row
            Boolean[] dmfaFiled = (Boolean[]) rs.getArray(14).getArray();
            for (int i = 0; i < quarter.length; i++) {
                quarters.add(new QuarterEntry(Quarter.parse(quarter[i]), contribution[i], paid[i], increases[i],
                        interests[i], legalCosts[i], LocalDate.ofEpochDay(dueDate[i]), dmfaFiled[i]));
            }
        }
        List<Dispute> disputes = new ArrayList<>();
        String[] type = strings(rs.getArray(15));
        if (type != null) {
            Long[] amount = longs(rs.getArray(16));
            for (int i = 0; i < type.length; i++) {
                disputes.add(new Dispute(type[i], amount[i]));
            }
        }
        return new EmployerAccount(rs.getString(2), rs.getString(3), rs.getString(4), quarters, disputes,
                rs.getBoolean(5), rs.getBoolean(6));
    }

    private static String[] strings(Array a) throws SQLException {
        return a == null ? null : (String[]) a.getArray();
    }

    private static Long[] longs(Array a) throws SQLException {
        return a == null ? null : (Long[]) a.getArray();
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
