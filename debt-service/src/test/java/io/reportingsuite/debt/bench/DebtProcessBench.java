package io.reportingsuite.debt.bench;

import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.SharedDevStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * On demand ({@code -Pbench-debt-process}, README "Demo data and benchmark"): the same open-model load as
 * {@link DebtQueryBench}, but the service runs as the packaged application ({@code target/quarkus-app/
 * quarkus-run.jar}, profiles {@code prod,local}) in a child process of its own, on this JVM's devstack
 * PostgreSQL holding the 1,000,000-row ledger, and the load generator (and the plain indexed SELECT baseline,
 * over JDBC) runs here: the generator's threads no longer take the service's CPU inside its JVM, and the
 * service's profile is the service's alone. The service is started once per audit mode
 * ({@code debt.audit.synchronous-commit=true}, then {@code false}); each time REST and SOAP (one
 * {@code RequestDetail}) are measured at {@code -Dbench.rate} (500/s) for {@code -Dbench.seconds} (20).
 * {@code -Dbench.service-jvm-args} adds JVM options to the child, e.g. a JFR recording ({@code {name}} in
 * them becomes the run's name, {@code durable} or {@code async}).
 */
class DebtProcessBench {

    static final int EMPLOYERS = Integer.getInteger("bench.employers", 125_000);
    static final int RATE = Integer.getInteger("bench.rate", 500);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final String SERVICE_JVM_ARGS = System.getProperty("bench.service-jvm-args", "");

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** USER_HZ of /proc/<pid>/stat: 100 on Linux (getconf CLK_TCK). */
    private static final long CLOCK_TICKS = Long.getLong("bench.clock-ticks", 100);
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("inspector:inspector-secret".getBytes(StandardCharsets.UTF_8));
    /** Employers spread over the whole ledger, the same sequence for every target. */
    private static final IntUnaryOperator EMPLOYER = i -> (int) ((i * 7919L) % EMPLOYERS);

    @Test
    void queriesAtAFixedRateAgainstTheServiceInItsOwnProcess() throws Exception {
        DevStack stack = SharedDevStack.get();
        String jdbcUrl = stack.database().jdbcUrl("debt");
        System.out.println("uptime at the start: " + uptime());
        List<OpenModelLoad.Result> results = new ArrayList<>();
        List<String> groupLines = new ArrayList<>();
        OpenModelLoad.Result select;

        ExecutorService httpPool = Executors.newFixedThreadPool(8);
        // HTTP/1.1 with kept-alive connections, an executor of its own: DebtQueryBench says why.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpPool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            try (Service service = Service.start(stack, "durable", true)) {
                // The service's Flyway has created the schema; the ledger goes in straight with COPY.
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(jdbcUrl);
                ds.setUser("debt");
                ds.setPassword("debt");
                LedgerGenerator.Loaded loaded = LedgerGenerator.load(ds, EMPLOYERS, LocalDate.of(2026, 12, 2), 8);
                System.out.printf("ledger: %d employers, %d quarter rows, %d disputes, generated with COPY in %.1f s%n",
                        loaded.employers(), loaded.quarterRows(), loaded.disputes(), loaded.millis() / 1000.0);
                warmUp(http, service.base());

                select = baseline(jdbcUrl);
                results.add(select);
                measure(http, service, "durable", results, groupLines);
            }
            try (Service service = Service.start(stack, "async", false)) {
                warmUp(http, service.base());
                measure(http, service, "async", results, groupLines);
            }
        } finally {
            httpPool.shutdown();
        }

        System.out.println("uptime at the end: " + uptime());
        System.out.printf("%n%d calls/s for %d s, %d employers x 8 quarters, service in its own JVM%n", RATE, SECONDS,
                EMPLOYERS);
        System.out.println("| target                             |   sent |     ok | failed | p50 (ms) | p99 (ms) | max (ms) |"
                + " p50, p99 / SELECT |");
        for (OpenModelLoad.Result r : results) {
            System.out.printf("%s %.0fx, %.0fx |%n", r.row(), r.p50Millis() / select.p50Millis(),
                    r.p99Millis() / select.p99Millis());
        }
        groupLines.forEach(System.out::println);
    }

    private static void measure(HttpClient http, Service service, String mode, List<OpenModelLoad.Result> results,
            List<String> groupLines) throws Exception {
        long groups = service.committedGroups(http);
        long cpu = service.cpuMillis();
        Instant start = Instant.now();
        OpenModelLoad.Result rest = OpenModelLoad.run("REST, audit " + mode, i -> rest(http, service.base(),
                EMPLOYER.applyAsInt(i)), RATE, SECONDS);
        long restCpu = service.cpuMillis() - cpu;
        long restGroups = service.committedGroups(http) - groups;
        groups = service.committedGroups(http);
        cpu = service.cpuMillis();
        Instant soapStart = Instant.now();
        OpenModelLoad.Result soap = OpenModelLoad.run("SOAP (1 detail), audit " + mode, i -> soap(http,
                service.base(), EMPLOYER.applyAsInt(i + 1)), RATE, SECONDS);
        long soapCpu = service.cpuMillis() - cpu;
        long soapGroups = service.committedGroups(http) - groups;
        results.add(rest);
        results.add(soap);
        groupLines.add(String.format("audit groups committed (%s): REST %d (%.1f queries per group), SOAP %d (%.1f)",
                mode, restGroups, rest.sent() / (double) Math.max(1, restGroups), soapGroups,
                soap.sent() / (double) Math.max(1, soapGroups)));
        // The service's own CPU time (user + system, /proc/<pid>/stat) per call: what a call costs, whatever
        // share of the machine the service got; at RATE calls/s it needs RATE x this much CPU per second.
        groupLines.add(String.format("service CPU per call (%s): REST %.2f ms (REST %s to %s), SOAP %.2f ms (SOAP %s to"
                + " %s); at %d/s: REST %.2f cores, SOAP %.2f cores", mode, restCpu / (double) rest.sent(), start,
                soapStart, soapCpu / (double) soap.sent(), soapStart, Instant.now(), RATE,
                restCpu / (double) rest.sent() * RATE / 1000, soapCpu / (double) soap.sent() * RATE / 1000));
    }

    /** JIT and connections warm for both APIs before anything is measured. */
    private static void warmUp(HttpClient http, String base) throws Exception {
        OpenModelLoad.run("warm-up REST", i -> rest(http, base, EMPLOYER.applyAsInt(i)), 200, 10);
        OpenModelLoad.run("warm-up SOAP", i -> soap(http, base, EMPLOYER.applyAsInt(i)), 200, 10);
    }

    /** The baseline: the same employer and its quarters in one plain indexed SELECT, one round trip. */
    private static OpenModelLoad.Result baseline(String jdbcUrl) throws Exception {
        ThreadLocal<Connection> connection = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(jdbcUrl, "debt", "debt");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService jdbcPool = Executors.newFixedThreadPool(16);
        try {
            return OpenModelLoad.run("baseline: indexed SELECT (JDBC)", i -> CompletableFuture.supplyAsync(() -> {
                Connection c = connection.get();
                if (!opened.contains(c)) {
                    opened.add(c);
                }
                return select(c, DemoLedger.companyId(EMPLOYER.applyAsInt(i)));
            }, jdbcPool), RATE, SECONDS);
        } finally {
            jdbcPool.shutdown();
            jdbcPool.awaitTermination(30, TimeUnit.SECONDS);
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    private static boolean select(Connection c, String companyId) {
        return DebtQueryBench.baselineSelect(c, companyId);
    }

    private static CompletableFuture<Boolean> rest(HttpClient http, String base, int employer) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/employers/"
                        + DemoLedger.companyId(employer) + "/balance?legalContext=PUBLIC_PROCUREMENT&closingDate=2026-12-02"))
                .header("Authorization", AUTH).GET().build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200);
    }

    private static CompletableFuture<Boolean> soap(HttpClient http, String base, int employer) {
        String body = Soap.request("PUBLIC_PROCUREMENT", Soap.detail("CompanyID", DemoLedger.companyId(employer),
                "2026-12-02"));
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/soap/EmployerAccountBalance"))
                        .header("Authorization", AUTH).header("Content-Type", "text/xml; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 && r.body().contains(">OK<"));
    }

    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Instant.now() + " " + out;
        } catch (IOException | InterruptedException e) {
            return "(uptime not available: " + e + ")";
        }
    }

    /** debt-service's packaged jar in a child process on the test's devstack. */
    private record Service(String name, Process process, Path log, int port) implements AutoCloseable {

        static Service start(DevStack stack, String name, boolean synchronousCommit) throws Exception {
            if (!Files.isRegularFile(APP)) {
                throw new IllegalStateException(APP + " is missing: the bench runs after the package phase (verify)");
            }
            Map<String, String> config = new TreeMap<>(stack.quarkusConfig("debt"));
            config.put("quarkus.profile", "prod,local");
            config.put("quarkus.http.port", "0");
            config.put("quarkus.log.console.json.enabled", "false");
            config.put("debt.audit.synchronous-commit", Boolean.toString(synchronousCommit));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            for (String arg : SERVICE_JVM_ARGS.trim().split("\\s+")) {
                if (!arg.isEmpty()) {
                    command.add(arg.replace("{name}", name));
                }
            }
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(APP.toAbsolutePath().toString());
            Path log = Path.of("target", "bench-debt-" + name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Thread reaper = new Thread(process::destroyForcibly, "kill-bench-" + name);
            Runtime.getRuntime().addShutdownHook(reaper);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                Matcher port = LISTENING.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
                if (port.find()) {
                    System.out.printf("debt-service (%s, pid %d) listening on %s; log %s%n", name, process.pid(),
                            port.group(1), log);
                    return new Service(name, process, log, Integer.parseInt(port.group(1)));
                }
                Thread.sleep(250);
            }
            process.destroyForcibly();
            throw new IllegalStateException(name + ": not listening within 180 s; see " + log);
        }

        /** User + system CPU time of the process so far ({@code /proc/<pid>/stat}, Linux), in milliseconds. */
        long cpuMillis() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15, in clock ticks
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / CLOCK_TICKS;
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        /** {@code debt_audit_groups_total{outcome="committed"}} from the service's Prometheus endpoint. */
        long committedGroups(HttpClient http) throws Exception {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base() + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("debt_audit_groups_total{") && line.contains("outcome=\"committed\"")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return 0;
        }

        /** SIGTERM (Quarkus' graceful shutdown, which also ends a JFR recording and writes its file). */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
