package io.reportingsuite.debt.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync queries' audit (AuditWriter, AuditConfig): rows of concurrent queries share one commit, a query's
 * rows are never split, both commit modes write the rows and leave the pooled connection at PostgreSQL's
 * default, and a group that cannot be committed refuses its queries (REST 503, SOAP fault) instead of
 * answering them without an audit row.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class AuditCommitTest {

    /** Valid check digits, not in the ledger: answered NOT_FOUND when its audit row is committed. */
    private static final String UNKNOWN = "0417497106";

    @Inject
    AuditWriter writer;

    @Inject
    DataSource dataSource;

    @AfterEach
    void defaults() throws SQLException {
        writer.synchronousCommit(true);
        execute("drop trigger if exists refuse_audit on query_audit");
        execute("drop function if exists refuse_audit()");
    }

    @Test
    void everyModeWritesTheAuditRowsAndLeavesTheConnectionAtTheDefault() throws SQLException {
        assertThat(setting()).as("devstack's PostgreSQL commits durably, as production does").isEqualTo("on");
        for (boolean synchronous : new boolean[] {false, true}) {
            writer.synchronousCommit(synchronous);
            String consumer = "audit-commit-" + UUID.randomUUID();
            writer.await(writer.submit(List.of(entry(consumer, UNKNOWN, "NOT_FOUND"), entry(consumer, "-",
                    "INVALID_REQUEST"))));

            assertThat(auditRows(consumer)).containsExactly(UNKNOWN + ":NOT_FOUND", "-:INVALID_REQUEST");
            // Agroal hands this thread the connection the writer returned: the SET LOCAL did not outlive the group.
            assertThat(setting()).as("synchronous_commit after a group in mode " + synchronous).isEqualTo("on");
        }
    }

    @Test
    void concurrentQueriesShareOneCommit() throws SQLException {
        String consumer = "audit-group-" + UUID.randomUUID();
        List<List<AuditRepository.Entry>> queries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queries.add(List.of(entry(consumer, String.format("%010d", i), "OK")));
        }
        long groupsBefore = writer.committedGroups();
        List<CompletableFuture<Void>> committed = new ArrayList<>();
        for (List<AuditRepository.Entry> q : queries) {
            committed.add(writer.submit(q));
        }
        committed.forEach(writer::await);

        assertThat(auditRows(consumer)).hasSize(100).first().isEqualTo("0000000000:OK");
        assertThat(auditRows(consumer)).last().isEqualTo("0000000099:OK");
        // Rows inserted by one transaction carry its id (xmin): 100 queries, a handful of commits.
        long transactions = transactions(consumer, "");
        assertThat(transactions).as("transactions for 100 queries submitted at once").isBetween(1L, 10L);
        assertThat(writer.committedGroups() - groupsBefore).as("debt_audit_groups_total{outcome=committed}")
                .isEqualTo(transactions);
    }

    @Test
    void aQueryIsNeverSplitOverTwoGroups() throws SQLException {
        String consumer = "audit-split-" + UUID.randomUUID();
        List<AuditRepository.Entry> first = new ArrayList<>();
        List<AuditRepository.Entry> second = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(entry(consumer, "a" + i, "OK"));
            second.add(entry(consumer, "b" + i, "OK"));
        }
        CompletableFuture<Void> a = writer.submit(first);
        CompletableFuture<Void> b = writer.submit(second);
        writer.await(a);
        writer.await(b);

        // 200 + 200 rows exceed debt.audit.group-max-rows (256): two groups, each query whole in one.
        assertThat(transactions(consumer, "a%")).isEqualTo(1);
        assertThat(transactions(consumer, "b%")).isEqualTo(1);
        assertThat(transactions(consumer, "")).isEqualTo(2);
    }

    @Test
    void aGroupThatCannotBeCommittedRefusesItsQueries() throws SQLException {
        // PostgreSQL refuses the audit rows of OTHER_ARTICLE queries about UNKNOWN (a real failed insert).
        execute("create function refuse_audit() returns trigger language plpgsql as $$ begin"
                + " if new.employer = '" + UNKNOWN + "' and new.legal_context = 'OTHER_ARTICLE' then"
                + " raise exception 'audit refused by AuditCommitTest'; end if; return new; end $$");
        execute("create trigger refuse_audit before insert on query_audit for each row"
                + " execute function refuse_audit()");

        given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", UNKNOWN)
                .get("/api/v1/employers/{id}/balance?legalContext=OTHER_ARTICLE").then()
                .statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("audit of this query could not be recorded, so no answer is given"));
        Soap.post("inspector", Soap.request("OTHER_ARTICLE", Soap.detail("CompanyID", UNKNOWN, null)))
                .statusCode(500)
                .body(containsString("TECHNICAL_ERROR: the audit of this query could not be recorded"))
                .body(org.hamcrest.Matchers.not(containsString("NOT_FOUND")));

        execute("drop trigger refuse_audit on query_audit");
        given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", UNKNOWN)
                .get("/api/v1/employers/{id}/balance?legalContext=OTHER_ARTICLE").then()
                .statusCode(404).body("resultCode", equalTo("NOT_FOUND"));
    }

    private static AuditRepository.Entry entry(String consumer, String employer, String resultCode) {
        return new AuditRepository.Entry(0, consumer, Instant.parse("2026-12-07T10:00:00Z"), employer, "ART_30BIS",
                resultCode);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String setting() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('synchronous_commit')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long transactions(String consumer, String employerLike) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(distinct xmin::text) from query_audit where consumer = ? and employer like ?")) {
            ps.setString(1, consumer);
            ps.setString(2, employerLike.isEmpty() ? "%" : employerLike);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> auditRows(String consumer) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select employer, result_code from query_audit where consumer = ? order by id")) {
            ps.setString(1, consumer);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getString(2));
                }
                return rows;
            }
        }
    }
}
