package io.reportingsuite.debt.bench;

import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.SharedDevStack;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * On demand ({@code -Pbench-debt-process}, README "Demo data and benchmark"): the same open-model load as
 * {@link DebtQueryBench}, but the service runs as the packaged application ({@code target/quarkus-app/
 * quarkus-run.jar}, profiles {@code prod,local}) in a child process of its own, on this JVM's devstack
 * PostgreSQL holding the 1,000,000-row ledger, and the load generator (and the plain indexed SELECT baseline,
 * over JDBC) runs here. The service is started once per audit mode ({@code debt.audit.synchronous-commit=true},
 * then {@code false}); each time REST and SOAP (one {@code RequestDetail}) are measured at {@code -Dbench.rate}
 * (500/s) for {@code -Dbench.seconds} (20).
 *
 * <p>Method, as JMH and load tools do it: after the {@code COPY} the ledger is {@code VACUUM (ANALYZE)}d and
 * {@code CHECKPOINT}ed (a production ledger is not bulk-loaded a second before its queries); every measured phase,
 * the baseline's too, follows a warm-up of the same calls at the same rate for {@code -Dbench.warmup-seconds}
 * (15), reported apart and not counted. Per phase: p50/p90/p99/p99.9/max, the p99 of each second (to see whether
 * a tail sits in the first seconds), the service's CPU time per call, its and the generator's GC pauses, and
 * PostgreSQL's checkpoints and autovacuum runs during the phase. {@code -Dbench.pin=true} gives the service one
 * CPU ({@code taskset}) and this JVM and PostgreSQL the others. {@code -Dbench.service-jvm-args} adds JVM options
 * to the child, e.g. a JFR recording ({@code {name}} in them becomes the run's name, {@code durable} or
 * {@code async}).
 */
class DebtProcessBench {

    static final int EMPLOYERS = Integer.getInteger("bench.employers", 125_000);
    static final int RATE = Integer.getInteger("bench.rate", 500);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 15);
    static final boolean PIN = Boolean.getBoolean("bench.pin");
    static final String RUN = System.getProperty("bench.run", "?");
    static final String SERVICE_JVM_ARGS = System.getProperty("bench.service-jvm-args", "");

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** USER_HZ of /proc/<pid>/stat: 100 on Linux (getconf CLK_TCK). */
    private static final long CLOCK_TICKS = Long.getLong("bench.clock-ticks", 100);
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("inspector:inspector-secret".getBytes(StandardCharsets.UTF_8));
    /** Employers spread over the whole ledger, the same sequence for every target. */
    private static final IntUnaryOperator EMPLOYER = i -> (int) ((i * 7919L) % EMPLOYERS);
    /**
     * Warm-up call i asks about employer {@code EMPLOYER(WARM_UP_FROM + i)}: other employers than the measured
     * calls' (7919 is prime to 125,000, so indexes below 125,000 never meet), so the phase does not read rows its
     * warm-up has just put in the caches.
     */
    private static final int WARM_UP_FROM = 60_000;

    /** A measured phase: its warm-up, its figures, and what happened around it. */
    record Phase(OpenModelLoad.Result warmUp, OpenModelLoad.Result result, Double cpuPerCallMillis, String notes) {
    }

    @Test
    void queriesAtAFixedRateAgainstTheServiceInItsOwnProcess() throws Exception {
        DevStack stack = SharedDevStack.get();
        String jdbcUrl = stack.database().jdbcUrl("debt");
        String superuserUrl = "jdbc:postgresql://127.0.0.1:" + stack.database().port() + "/postgres";
        String uptimeAtStart = uptime();
        System.out.println("uptime at the start: " + uptimeAtStart);
        Pinning pinning = PIN ? Pinning.fromProperties() : null;
        if (pinning != null) {
            pinning.pinThisJvmAndPostgres(jdbcUrl);
        }
        List<Phase> phases = new ArrayList<>();
        String ledgerLine;
        String settleLine;

        ExecutorService httpPool = Executors.newFixedThreadPool(8);
        // HTTP/1.1 with kept-alive connections, an executor of its own: DebtQueryBench says why.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpPool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (Connection stats = DriverManager.getConnection(jdbcUrl, "debt", "debt")) {
            try (Service service = Service.start(stack, "durable", true, pinning)) {
                // The service's Flyway has created the schema; the ledger goes in straight with COPY.
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(jdbcUrl);
                ds.setUser("debt");
                ds.setPassword("debt");
                LedgerGenerator.Loaded loaded = LedgerGenerator.load(ds, EMPLOYERS, LocalDate.of(2026, 12, 2), 8);
                ledgerLine = String.format("ledger: %d employers, %d quarter rows, %d disputes, written with COPY in"
                        + " %.1f s", loaded.employers(), loaded.quarterRows(), loaded.disputes(), loaded.millis() / 1000.0);
                System.out.println(ledgerLine);
                settleLine = settle(stats, superuserUrl);
                System.out.println(settleLine);

                try (Baseline baseline = new Baseline(jdbcUrl)) {
                    phases.add(phase("baseline: indexed SELECT (JDBC)", null, http, stats,
                            i -> baseline.call(DemoLedger.companyId(EMPLOYER.applyAsInt(i)))));
                }
                phases.add(phase("REST, audit durable", service, http, stats,
                        i -> rest(http, service.base(), EMPLOYER.applyAsInt(i))));
                phases.add(phase("SOAP (1 detail), audit durable", service, http, stats,
                        i -> soap(http, service.base(), EMPLOYER.applyAsInt(i + 1))));
            }
            try (Service service = Service.start(stack, "async", false, pinning)) {
                phases.add(phase("REST, audit async", service, http, stats,
                        i -> rest(http, service.base(), EMPLOYER.applyAsInt(i))));
                phases.add(phase("SOAP (1 detail), audit async", service, http, stats,
                        i -> soap(http, service.base(), EMPLOYER.applyAsInt(i + 1))));
            }
        } finally {
            httpPool.shutdown();
        }
        String uptimeAtEnd = uptime();
        System.out.println("uptime at the end: " + uptimeAtEnd);
        printSummary(phases, uptimeAtStart, uptimeAtEnd, ledgerLine, settleLine, pinning);
    }

    /**
     * Warm-up (the same calls at the same rate, discarded), then the measured phase, with the service's CPU time,
     * audit groups and GC pauses, the generator's GC pauses and PostgreSQL's checkpoints and autovacuum runs
     * during the measured part.
     */
    private static Phase phase(String name, Service service, HttpClient http, Connection stats,
            IntFunction<CompletableFuture<Boolean>> call) throws Exception {
        OpenModelLoad.Result warmUp = WARMUP_SECONDS <= 0 ? null
                : OpenModelLoad.run("warm-up: " + name, i -> call.apply(WARM_UP_FROM + i), RATE, WARMUP_SECONDS);
        Snapshot before = Snapshot.take(service, http, stats);
        Instant start = Instant.now();
        OpenModelLoad.Result result = OpenModelLoad.run(name, call, RATE, SECONDS);
        Instant end = Instant.now();
        Snapshot after = Snapshot.take(service, http, stats);
        Double cpuPerCall = null;
        StringBuilder notes = new StringBuilder(String.format("%s (%s to %s):", name, start, end));
        if (service != null) {
            cpuPerCall = (after.serviceCpuMillis() - before.serviceCpuMillis()) / (double) result.sent();
            long groups = after.auditGroups() - before.auditGroups();
            notes.append(String.format(" service CPU %.2f ms per call (%.2f cores at %d/s); audit groups %d (%.1f"
                    + " queries per group); service GC pauses %d, %.0f ms in all;", cpuPerCall,
                    cpuPerCall * RATE / 1000, RATE, groups, result.sent() / (double) Math.max(1, groups),
                    after.serviceGcPauses() - before.serviceGcPauses(),
                    (after.serviceGcSeconds() - before.serviceGcSeconds()) * 1000));
        }
        notes.append(String.format(" generator GC %d collections, %d ms; PostgreSQL checkpoints %d, autovacuum/analyze"
                + " runs %d; worst per-second p99 in seconds 0-4 %.1f ms, from second 5 on %.1f ms",
                after.generatorGcCount() - before.generatorGcCount(),
                after.generatorGcMillis() - before.generatorGcMillis(), after.checkpoints() - before.checkpoints(),
                after.autovacuums() - before.autovacuums(), worstSecond(result, 0, 5),
                result.worstSecondFrom(5)));
        System.out.println(notes);
        return new Phase(warmUp, result, cpuPerCall, notes.toString());
    }

    private static double worstSecond(OpenModelLoad.Result r, int from, int to) {
        double worst = 0;
        for (int s = from; s < Math.min(to, r.perSecondP99Millis().length); s++) {
            if (!Double.isNaN(r.perSecondP99Millis()[s])) {
                worst = Math.max(worst, r.perSecondP99Millis()[s]);
            }
        }
        return worst;
    }

    /**
     * {@code VACUUM (ANALYZE)} of the freshly written ledger (visibility map and hint bits set now, not by the
     * first queries, whose reads would otherwise dirty every page) and a {@code CHECKPOINT} (the COPY's dirty
     * pages written out now, not during the phases). CHECKPOINT needs a superuser (or {@code pg_checkpoint});
     * devstack's embedded PostgreSQL has the trusted local superuser {@code postgres}.
     */
    private static String settle(Connection owner, String superuserUrl) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = owner.createStatement()) {
            s.execute("vacuum (analyze) employer, employer_quarter, dispute, query_audit");
        }
        double vacuumSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        String checkpoint;
        try (Connection c = DriverManager.getConnection(superuserUrl, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("checkpoint");
            checkpoint = String.format("checkpoint %.1f s", (System.nanoTime() - start) / 1e9);
        } catch (SQLException e) {
            // Measured anyway, but the summary says so: the phases may then pay for the COPY's checkpoint.
            checkpoint = "CHECKPOINT NOT DONE (" + e.getSQLState() + " " + e.getMessage() + ")";
        }
        return String.format("after the COPY: vacuum (analyze) %.1f s, %s", vacuumSeconds, checkpoint);
    }

    private static void printSummary(List<Phase> phases, String uptimeAtStart, String uptimeAtEnd, String ledgerLine,
            String settleLine, Pinning pinning) {
        OpenModelLoad.Result select = phases.get(0).result();
        System.out.printf("%n===== debt process bench, run %s: %d calls/s, warm-up %d s then %d s measured per phase,"
                + " %d employers x 8 quarters, service in its own JVM%s =====%n", RUN, RATE, WARMUP_SECONDS, SECONDS,
                EMPLOYERS, pinning == null ? "" : ", pinned: " + pinning);
        System.out.println("uptime at the start: " + uptimeAtStart);
        System.out.println("uptime at the end:   " + uptimeAtEnd);
        System.out.println(ledgerLine + "; " + settleLine);
        System.out.println();
        System.out.println("| run | phase | ok/sent | p50 | p90 | p99 | p99.9 | max | p50, p99 ÷ baseline | CPU per call (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Phase p : phases) {
            OpenModelLoad.Result r = p.result();
            System.out.printf("| %s | %s | %d/%d | %s | %s | %s | %s | %s | %s×, %s× | %s |%n", RUN, r.target(), r.ok(),
                    r.sent(), ms(r.p50Millis()), ms(r.p90Millis()), ms(r.p99Millis()), ms(r.p999Millis()),
                    ms(r.maxMillis()), ratio(r.p50Millis() / select.p50Millis()),
                    ratio(r.p99Millis() / select.p99Millis()),
                    p.cpuPerCallMillis() == null ? "—" : String.format("%.2f", p.cpuPerCallMillis()));
        }
        if (WARMUP_SECONDS > 0) {
            System.out.println();
            System.out.println("Warm-ups (discarded), p50 / p99 / max in ms:");
            for (Phase p : phases) {
                OpenModelLoad.Result w = p.warmUp();
                System.out.printf("* %s: %d/%d ok, %s / %s / %s%n", p.result().target(), w.ok(), w.sent(),
                        ms(w.p50Millis()), ms(w.p99Millis()), ms(w.maxMillis()));
            }
        }
        System.out.println();
        phases.forEach(p -> System.out.println("* " + p.notes()));
        System.out.println("(per-second p99 series: the lines 'per-second p99 (ms) of …' above)");
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format("%,.0f", millis) : String.format("%.2f", millis);
    }

    private static String ratio(double r) {
        return r >= 10 ? String.format("%.0f", r) : String.format("%.2f", r);
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

    /**
     * The baseline: the same employer and its quarters in one plain indexed SELECT, one round trip, on 16 threads
     * with a JDBC connection each (kept from the warm-up to the measured phase, as the service keeps its pool).
     */
    private static final class Baseline implements AutoCloseable {

        private final List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService pool = Executors.newFixedThreadPool(16);
        private final ThreadLocal<Connection> connection;

        Baseline(String jdbcUrl) {
            connection = ThreadLocal.withInitial(() -> {
                try {
                    Connection c = DriverManager.getConnection(jdbcUrl, "debt", "debt");
                    opened.add(c);
                    return c;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        CompletableFuture<Boolean> call(String companyId) {
            return CompletableFuture.supplyAsync(() -> DebtQueryBench.baselineSelect(connection.get(), companyId), pool);
        }

        @Override
        public void close() throws Exception {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            synchronized (opened) {
                for (Connection c : opened) {
                    c.close();
                }
            }
        }
    }

    /** Counters read before and after a measured phase. */
    private record Snapshot(long serviceCpuMillis, long auditGroups, long serviceGcPauses, double serviceGcSeconds,
            long generatorGcCount, long generatorGcMillis, long checkpoints, long autovacuums) {

        static Snapshot take(Service service, HttpClient http, Connection stats) throws Exception {
            long cpu = 0;
            long groups = 0;
            long gcPauses = 0;
            double gcSeconds = 0;
            if (service != null) {
                cpu = service.cpuMillis();
                String metrics = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/q/metrics")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                groups = (long) sum(metrics, "debt_audit_groups_total", "outcome=\"committed\"");
                gcPauses = (long) sum(metrics, "jvm_gc_pause_seconds_count", "");
                gcSeconds = sum(metrics, "jvm_gc_pause_seconds_sum", "");
            }
            long gcCount = 0;
            long gcMillis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcCount += Math.max(0, gc.getCollectionCount());
                gcMillis += Math.max(0, gc.getCollectionTime());
            }
            return new Snapshot(cpu, groups, gcPauses, gcSeconds, gcCount, gcMillis, checkpoints(stats),
                    single(stats, "select coalesce(sum(autovacuum_count + autoanalyze_count), 0) from pg_stat_user_tables"));
        }

        /** The sum of a Prometheus metric's samples whose labels contain {@code labelFilter}. */
        private static double sum(String metrics, String name, String labelFilter) {
            double total = 0;
            for (String line : metrics.split("\n")) {
                if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(labelFilter)) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return total;
        }

        /** Checkpoints so far: pg_stat_checkpointer from PostgreSQL 17 on, pg_stat_bgwriter before. */
        private static long checkpoints(Connection stats) throws SQLException {
            try {
                return single(stats, "select num_timed + num_requested from pg_stat_checkpointer");
            } catch (SQLException e) {
                return single(stats, "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter");
            }
        }

        private static long single(Connection c, String sql) throws SQLException {
            // A fresh snapshot of the cumulative statistics for each read (they are cached per transaction).
            try (Statement s = c.createStatement()) {
                s.execute("select pg_stat_clear_snapshot()");
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    /**
     * {@code -Dbench.pin=true}: the service on {@code -Dbench.pin.service-cpus} (default: the last online CPU), this
     * JVM (the generator and the baseline's JDBC threads) and PostgreSQL (the postmaster and every process it has
     * forked; later backends inherit its affinity) on {@code -Dbench.pin.other-cpus} (default: the other online
     * CPUs), with util-linux {@code taskset}.
     */
    record Pinning(String serviceCpus, String otherCpus) {

        static Pinning fromProperties() throws Exception {
            if (run("taskset", "-p", Long.toString(ProcessHandle.current().pid())) != 0) {
                throw new IllegalStateException("-Dbench.pin=true needs util-linux taskset on the PATH");
            }
            List<Integer> online = onlineCpus();
            if (online.size() < 2) {
                throw new IllegalStateException("-Dbench.pin=true needs at least 2 online CPUs, found " + online);
            }
            String service = System.getProperty("bench.pin.service-cpus", Integer.toString(online.get(online.size() - 1)));
            String other = System.getProperty("bench.pin.other-cpus", online.subList(0, online.size() - 1).stream()
                    .map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow());
            return new Pinning(service, other);
        }

        /** This JVM's threads, the postmaster and its children onto {@link #otherCpus}. */
        void pinThisJvmAndPostgres(String jdbcUrl) throws Exception {
            pin(ProcessHandle.current().pid(), otherCpus);
            long postmaster;
            try (Connection c = DriverManager.getConnection(jdbcUrl, "debt", "debt"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                postmaster = parentOf(rs.getLong(1));
            }
            pin(postmaster, otherCpus);
            int children = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    long pid = Long.parseLong(p.getFileName().toString());
                    try {
                        if (parentOf(pid) == postmaster) {
                            pin(pid, otherCpus);
                            children++;
                        }
                    } catch (IOException | IllegalStateException gone) {
                        // A process that ended meanwhile (a backend of a closed connection).
                    }
                }
            }
            System.out.printf("pinned: this JVM (pid %d) and PostgreSQL (postmaster %d, %d children) on CPU %s;"
                    + " the service is started on CPU %s%n", ProcessHandle.current().pid(), postmaster, children,
                    otherCpus, serviceCpus);
        }

        List<String> prefix() {
            return List.of("taskset", "-c", serviceCpus);
        }

        private static void pin(long pid, String cpus) throws Exception {
            if (run("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)) != 0) {
                throw new IllegalStateException("taskset -a -p -c " + cpus + " " + pid + " failed");
            }
        }

        private static long parentOf(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after "pid (comm) ": state, ppid, ...
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        }

        private static List<Integer> onlineCpus() throws IOException {
            List<Integer> cpus = new ArrayList<>();
            for (String range : Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().split(",")) {
                String[] ends = range.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            }
            return cpus;
        }

        private static int run(String... command) throws InterruptedException {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public String toString() {
            return "service on CPU " + serviceCpus + ", generator + PostgreSQL on CPU " + otherCpus;
        }
    }

    /** debt-service's packaged jar in a child process on the test's devstack. */
    private record Service(String name, Process process, Path log, int port) implements AutoCloseable {

        static Service start(DevStack stack, String name, boolean synchronousCommit, Pinning pinning)
                throws Exception {
            if (!Files.isRegularFile(APP)) {
                throw new IllegalStateException(APP + " is missing: the bench runs after the package phase (verify)");
            }
            Map<String, String> config = new TreeMap<>(stack.quarkusConfig("debt"));
            config.put("quarkus.profile", "prod,local");
            config.put("quarkus.http.port", "0");
            config.put("quarkus.log.console.json.enabled", "false");
            config.put("debt.audit.synchronous-commit", Boolean.toString(synchronousCommit));
            List<String> command = new ArrayList<>();
            if (pinning != null) {
                // taskset execs java: the pid, its /proc/<pid>/stat and destroy() are the JVM's.
                command.addAll(pinning.prefix());
            }
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
