package io.reportingsuite.debt.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.store.LedgerRepository.AuditStamp;
import io.reportingsuite.debt.store.LedgerRepository.Key;
import io.reportingsuite.debt.store.LedgerRepository.Lookup;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit's commit mode (AuditConfig): the row is written in both modes, and the asynchronous commit is
 * local to the query's own transaction — the pooled connection goes back with PostgreSQL's default.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class AuditCommitTest {

    @Inject
    LedgerRepository ledger;

    @Inject
    DataSource dataSource;

    @AfterEach
    void defaultMode() {
        ledger.synchronousAuditCommit(true);
    }

    @Test
    void everyModeWritesTheAuditRowAndLeavesTheConnectionAtTheDefault() throws SQLException {
        assertThat(setting()).as("devstack's PostgreSQL commits durably, as production does").isEqualTo("on");
        for (boolean synchronous : new boolean[] {false, true}) {
            ledger.synchronousAuditCommit(synchronous);
            String consumer = "audit-commit-" + UUID.randomUUID();
            ledger.lookUp(List.of(new Lookup(Key.COMPANY_ID, "0417497106"), new Lookup(null, null)),
                    new AuditStamp(consumer, Instant.parse("2026-12-07T10:00:00Z"), "ART_30BIS"));

            assertThat(auditRows(consumer)).containsExactly("0417497106:NOT_FOUND", "-:INVALID_REQUEST");
            // Agroal hands this thread the connection it just returned: the SET LOCAL did not outlive the query.
            assertThat(setting()).as("synchronous_commit after a query in mode " + synchronous).isEqualTo("on");
        }
    }

    private String setting() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('synchronous_commit')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> auditRows(String consumer) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select employer, result_code from query_audit where consumer = ? order by id")) {
            ps.setString(1, consumer);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getString(2));
                }
                return rows;
            }
        }
    }
}
