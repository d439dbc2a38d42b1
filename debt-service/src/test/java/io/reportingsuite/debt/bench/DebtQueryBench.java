package io.reportingsuite.debt.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.debt.store.LedgerRepository;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * On demand ({@code -Pbench-debt}): sync REST and SOAP queries at a fixed arrival rate over a 1,000,000-row
 * ledger (125,000 employers × 8 quarters, {@link DemoLedger}'s profiles written with COPY by
 * {@link LedgerGenerator}), next to a plain indexed SELECT of the same rows (employer by enterprise number
 * joined with its quarters, one statement) at the same rate as the baseline.
 * {@code -Dbench.rate} (500/s) and {@code -Dbench.seconds} (20) set the load.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class DebtQueryBench {

    static final int EMPLOYERS = Integer.getInteger("bench.employers", 125_000);
    static final int RATE = Integer.getInteger("bench.rate", 500);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);

    @Inject
    DataSource dataSource;

    @Inject
    io.reportingsuite.debt.store.AuditWriter auditWriter;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void queriesAtAFixedRateAgainstAPlainSelect() throws Exception {
        LedgerGenerator.Loaded loaded = LedgerGenerator.load(dataSource, EMPLOYERS, LocalDate.of(2026, 12, 2), 8);
        System.out.printf("ledger: %d employers, %d quarter rows, %d disputes, generated with COPY in %.1f s%n",
                loaded.employers(), loaded.quarterRows(), loaded.disputes(), loaded.millis() / 1000.0);
        explain(DemoLedger.companyId(EMPLOYERS / 2));
        checkpoint();

        String base = "http://127.0.0.1:" + port;
        // HTTP/1.1 with kept-alive connections, as SOAP and REST consumers call (CXF, zeep, curl). The JDK
        // client's default would upgrade to h2c and multiplex every call on one HTTP/2 connection, i.e. one
        // server event loop; and without an executor of its own it completes each response on a new thread
        // (the common pool has one thread on 2 cores): both measured the client, not the service (README).
        ExecutorService httpPool = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpPool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("inspector:inspector-secret"
                .getBytes(StandardCharsets.UTF_8));
        ExecutorService jdbcPool = Executors.newFixedThreadPool(16);
        // Employers spread over the whole ledger, the same sequence for every target.
        java.util.function.IntUnaryOperator employer = i -> (int) ((i * 7919L) % EMPLOYERS);

        // Warm-up: JIT, connection pools.
        OpenModelLoad.run("warm-up", i -> rest(http, base, auth, employer.applyAsInt(i)), 200, 5);

        OpenModelLoad.Result select = OpenModelLoad.run("baseline: indexed SELECT (JDBC)",
                i -> CompletableFuture.supplyAsync(() -> select(DemoLedger.companyId(employer.applyAsInt(i))), jdbcPool),
                RATE, SECONDS);
        long groups = auditWriter.committedGroups();
        OpenModelLoad.Result rest = OpenModelLoad.run("REST GET balance", i -> rest(http, base, auth,
                employer.applyAsInt(i)), RATE, SECONDS);
        long restGroups = auditWriter.committedGroups() - groups;
        // The same REST load with the audit groups committed asynchronously (debt.audit.synchronous-commit=false).
        auditWriter.synchronousCommit(false);
        OpenModelLoad.Result restAsync;
        groups = auditWriter.committedGroups();
        try {
            restAsync = OpenModelLoad.run("REST, audit commit asynchronous", i -> rest(http, base, auth,
                    employer.applyAsInt(i + 3)), RATE, SECONDS);
        } finally {
            auditWriter.synchronousCommit(true);
        }
        long restAsyncGroups = auditWriter.committedGroups() - groups;
        groups = auditWriter.committedGroups();
        OpenModelLoad.Result soap = OpenModelLoad.run("SOAP EmployerAccountBalance (1 detail)", i -> {
            String body = Soap.request("PUBLIC_PROCUREMENT", Soap.detail("CompanyID",
                    DemoLedger.companyId(employer.applyAsInt(i)), "2026-12-02"));
            return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/soap/EmployerAccountBalance"))
                    .header("Authorization", auth).header("Content-Type", "text/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> r.statusCode() == 200 && r.body().contains(">OK<"));
        }, RATE, SECONDS);
        long soapGroups = auditWriter.committedGroups() - groups;
        jdbcPool.shutdown();
        httpPool.shutdown();

        System.out.printf("%n%d calls/s for %d s, %d employers x 8 quarters%n", RATE, SECONDS, EMPLOYERS);
        System.out.println(OpenModelLoad.Result.header());
        for (OpenModelLoad.Result r : new OpenModelLoad.Result[] {select, rest, restAsync, soap}) {
            System.out.println(r.row());
        }
        System.out.printf("audit groups committed: REST %d (%.1f queries per group), REST asynchronous %d (%.1f),"
                + " SOAP %d (%.1f)%n", restGroups, rest.sent() / (double) Math.max(1, restGroups), restAsyncGroups,
                restAsync.sent() / (double) Math.max(1, restAsyncGroups), soapGroups,
                soap.sent() / (double) Math.max(1, soapGroups));
        System.out.printf("ratio p99 REST with asynchronous audit commit / REST (durable audit) %.2f%n",
                restAsync.p99Millis() / rest.p99Millis());
        System.out.printf("ratio p50 REST/SELECT %.1f, SOAP/SELECT %.1f; p99 REST/SELECT %.1f, SOAP/SELECT %.1f%n",
                rest.p50Millis() / select.p50Millis(), soap.p50Millis() / select.p50Millis(),
                rest.p99Millis() / select.p99Millis(), soap.p99Millis() / select.p99Millis());
    }

    private static CompletableFuture<Boolean> rest(HttpClient http, String base, String auth, int employer) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/employers/"
                        + DemoLedger.companyId(employer) + "/balance?legalContext=PUBLIC_PROCUREMENT&closingDate=2026-12-02"))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200);
    }

    /** The baseline: the same employer and its quarters in one plain indexed SELECT, one round trip. */
    private boolean select(String companyId) {
        try (Connection c = dataSource.getConnection()) {
            return baselineSelect(c, companyId);
        } catch (java.sql.SQLException ex) {
            return false;
        }
    }

    /**
     * The baseline statement both benches time (this one and {@code DebtProcessBench}): the employer and its eight
     * quarters by an index, one round trip; true if all eight rows came.
     */
    static boolean baselineSelect(Connection c, String companyId) {
        try (PreparedStatement q = c.prepareStatement("select e.id, e.denomination, q.quarter, q.contribution_cents,"
                + " q.paid_cents, q.due_date from employer e join employer_quarter q on q.employer_id = e.id"
                + " where e.company_id = ?")) {
            q.setString(1, companyId);
            int rows = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows == 8;
        } catch (java.sql.SQLException ex) {
            return false;
        }
    }

    /** The service's statement (without its audit insert) as PostgreSQL plans it on this ledger. */
    /**
     * Writes the freshly COPYed ledger out before measuring: a production ledger is not bulk-loaded a second
     * before the queries, and the checkpointer's I/O would otherwise compete with the WAL flushes measured.
     */
    private void checkpoint() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("checkpoint");
            System.out.printf("checkpoint after the load: %.1f s%n", (System.nanoTime() - start) / 1e9);
        } catch (java.sql.SQLException e) {
            System.out.println("checkpoint not possible for this user (" + e.getSQLState() + "); measuring anyway");
        }
    }

    private void explain(String companyId) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("explain analyze " + LedgerRepository.FIND)) {
            ps.setArray(1, c.createArrayOf("text", new String[] {"C"}));
            ps.setArray(2, c.createArrayOf("text", new String[] {companyId}));
            try (ResultSet rs = ps.executeQuery()) {
                System.out.println("plan of one lookup:");
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1));
                }
            }
        }
    }
}
