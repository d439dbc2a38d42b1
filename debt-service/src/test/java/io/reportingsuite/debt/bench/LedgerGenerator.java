package io.reportingsuite.debt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.reportingsuite.contracts.debt.DemoLedger;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a large ledger straight into PostgreSQL with {@code COPY … FROM STDIN} (the JDBC driver's
 * {@link CopyManager}), the benchmark's 1,000,000 quarter rows in seconds instead of the import API's ~8
 * minutes. The content is {@link DemoLedger}'s, employer by employer (every profile, so every rule outcome),
 * converted from its import document to COPY's text format; the import API's validation is not what is
 * measured. It empties the ledger first (bench database only).
 */
final class LedgerGenerator {

    static final int CHUNK = 2_500;

    record Loaded(int employers, long quarterRows, long disputes, long millis) {
    }

    private LedgerGenerator() {
    }

    static Loaded load(DataSource dataSource, int employers, LocalDate asOf, int quarters)
            throws SQLException, IOException {
        long start = System.nanoTime();
        long quarterRows = 0;
        long disputeRows = 0;
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("truncate employer, employer_quarter, dispute");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long id = 0;
            for (int first = 0; first < employers; first += CHUNK) {
                JsonNode doc = DemoLedger.generate("generated", first, Math.min(CHUNK, employers - first), asOf,
                        quarters);
                StringBuilder employerRows = new StringBuilder();
                StringBuilder quarterLines = new StringBuilder();
                StringBuilder disputeLines = new StringBuilder();
                for (JsonNode e : doc.get("employers")) {
                    id++;
                    JsonNode plan = e.get("paymentPlan");
                    employerRows.append(id).append('\t').append(e.get("companyId").asText()).append('\t')
                            .append(e.hasNonNull("nossRegistrationNbr") ? e.get("nossRegistrationNbr").asText() : "\\N")
                            .append('\t').append(e.get("denomination").asText()).append('\t')
                            .append(plan != null && plan.get("active").asBoolean()).append('\t')
                            .append(plan != null && plan.get("followed").asBoolean()).append("\tgenerated\n");
                    for (JsonNode q : e.get("quarters")) {
                        quarterLines.append(id).append('\t').append(q.get("quarter").asText());
                        for (String amount : new String[] {"contributionCents", "paidCents", "increasesCents",
                                "interestsCents", "legalCostsCents"}) {
                            quarterLines.append('\t').append(q.path(amount).asLong(0));
                        }
                        String due = q.hasNonNull("dueDate") ? q.get("dueDate").asText()
                                : io.reportingsuite.debt.ledger.Quarter.parse(q.get("quarter").asText())
                                        .defaultDueDate().toString();
                        quarterLines.append('\t').append(due).append('\t').append(q.get("dmfaFiled").asBoolean())
                                .append('\n');
                        quarterRows++;
                    }
                    int position = 0;
                    for (JsonNode d : e.path("disputes")) {
                        disputeLines.append(id).append('\t').append(position++).append('\t')
                                .append(d.get("disputeType").asText()).append('\t').append(d.get("amountCents").asLong())
                                .append('\n');
                        disputeRows++;
                    }
                }
                copy.copyIn("copy employer (id, company_id, noss_registration_nbr, denomination, plan_active,"
                        + " plan_followed, import_id) from stdin", new StringReader(employerRows.toString()));
                copy.copyIn("copy employer_quarter (employer_id, quarter, contribution_cents, paid_cents,"
                        + " increases_cents, interests_cents, legal_costs_cents, due_date, dmfa_filed) from stdin",
                        new StringReader(quarterLines.toString()));
                if (disputeLines.length() > 0) {
                    copy.copyIn("copy dispute (employer_id, position, dispute_type, amount_cents) from stdin",
                            new StringReader(disputeLines.toString()));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("select setval(pg_get_serial_sequence('employer', 'id'), " + Math.max(1, id) + ")");
                s.execute("analyze employer");
                s.execute("analyze employer_quarter");
                s.execute("analyze dispute");
            }
        }
        return new Loaded(employers, quarterRows, disputeRows, (System.nanoTime() - start) / 1_000_000);
    }
}
