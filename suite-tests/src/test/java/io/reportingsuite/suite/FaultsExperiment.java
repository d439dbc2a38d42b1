package io.reportingsuite.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.suite.ChildDevStack.Piece;
import io.reportingsuite.suite.ExperimentKit.Outcome;
import io.reportingsuite.suite.ExperimentKit.Submission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "Faults and scale-out", first bullet: a run of {@code reliability.forsendelser} forsendelser (default
 * 10,000) at {@code reliability.rate} per second (default 20) — KY by SOAP, KSD by REST, every
 * {@code reliability.sftp-every}-th (default 50) KY by Styret SFTP with a SOAP notification — during which each
 * service in turn, then the suite broker, SKAT's MQ and PostgreSQL, is killed with SIGKILL, left down for
 * {@code reliability.outage-seconds} (default 5) and started again. The faults are spread over the load, each
 * after the previous one is back. Then, once the pipeline is quiet, counted from outside:
 * <ul>
 *   <li>every accepted forsendelse reached the SKAT simulator exactly once (the line it logs for each EP_SK1
 *   message right after committing it, over every run's log: its {@code /received} list dies with it);</li>
 *   <li>every accepted forsendelse's sumkvittering is in its own case system's SFTP folder exactly once, in the
 *   other's never, and no fejladvisering anywhere;</li>
 *   <li>each of those files was notified exactly once as the case system can tell: one notification, or — when
 *   receipt-service was killed after the case system answered and before it recorded the delivery — that one and
 *   its repeat by the next run, both with the same FileTransferUUID (counted in their own row); receipt's
 *   recording stub logs every notification with its FileTransferUUID, and the logs of every run of receipt count;
 *   each SFTP one had exactly one kvittering;</li>
 *   <li>each skattekort message (one per 2101 record of a delivered forsendelse) is on its Beskedfordeler queue
 *   exactly once;</li>
 *   <li>both brokers' dead-letter queues are empty;</li>
 *   <li>a refused call (a certain refusal) was delivered nowhere;</li>
 *   <li>every call answered "not confirmed" (ingest's broker did not confirm in time: the outcome is unknown) and
 *   every call whose answer was lost, resent once after the load exactly as before, is then accepted, and counts
 *   among the accepted for every rule above (at SKAT exactly once: the resend is not a second copy).</li>
 * </ul>
 * The counts go to {@code target/reliability/faults.md}. Runs only in profile {@code reliability}.
 */
class FaultsExperiment {

    static final int N = Integer.getInteger("reliability.forsendelser", 10_000);
    static final double RATE = Double.parseDouble(System.getProperty("reliability.rate", "20"));
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("reliability.outage-seconds", 5));
    static final int SFTP_EVERY = Integer.getInteger("reliability.sftp-every", 50);
    /** The wait for the pipeline to drain after the load, at least, and per 1,000 forsendelser. */
    static final Duration SETTLE = Duration.ofMinutes(5).plusSeconds(N / 1000 * 60L);
    /** How long the pipeline's counts must not move to be called quiet. */
    static final Duration QUIET = Duration.ofSeconds(30);

    static final List<String> SERVICES = List.of("ingest-service", "forwarder-service", "receipt-service",
            "skat-simulator");

    /** One fault: what, when killed and when back (ms after the load started), how long until all were ready. */
    record Fault(String target, long killedAt, long backAt, long allReadyAt) {
    }

    @Test
    void killingEachServiceTheBrokerSkatsMqAndPostgresUnderLoadLosesAndDuplicatesNothingAccepted() throws Exception {
        Map<String, Map<String, String>> extra = new HashMap<>();
        for (String service : SERVICES) {
            // No spans: the run would fill the test JVM's receiver with hundreds of thousands.
            extra.computeIfAbsent(service, s -> new HashMap<>()).put("quarkus.otel.sdk.disabled", "true");
        }
        // The simulator keeps every copy it received in its list (default 1,000).
        extra.get("skat-simulator").put("simulator.ledger-size", Integer.toString(2 * N + 1000));
        List<Fault> faults = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        long started = System.currentTimeMillis();
        try (Suite suite = Suite.startWithChildDevStack("faults", extra)) {
            ExperimentKit kit = new ExperimentKit(suite, SFTP_EVERY);
            String loadAtStart = ExperimentKit.loadAverage();
            long loadMillis = (long) (N / RATE * 1000);
            ExecutorService loadThread = Executors.newSingleThreadExecutor();
            long loadStart = System.currentTimeMillis();
            Future<List<Submission>> load = loadThread.submit(() -> kit.run(0, N, RATE,
                    Duration.ofMillis(loadMillis).plusMinutes(30)));

            List<String> targets = new ArrayList<>(SERVICES);
            for (Piece piece : Piece.values()) {
                targets.add(piece.id());
            }
            for (int i = 0; i < targets.size(); i++) {
                long due = loadStart + loadMillis * (i + 1) / (targets.size() + 1);
                Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
                String target = targets.get(i);
                long killedAt = System.currentTimeMillis() - loadStart;
                Piece piece = pieceOf(target);
                if (piece == null) {
                    suite.kill(target);
                } else {
                    suite.killDevstack(piece);
                }
                Thread.sleep(OUTAGE.toMillis());
                if (piece == null) {
                    suite.restart(target);
                } else {
                    suite.restartDevstack(piece);
                }
                long backAt = System.currentTimeMillis() - loadStart;
                awaitAllReady(suite, Duration.ofMinutes(5));
                faults.add(new Fault(target, killedAt, backAt, System.currentTimeMillis() - loadStart));
            }
            List<Submission> submissions = load.get(loadMillis + TimeUnit.MINUTES.toMillis(40), TimeUnit.MILLISECONDS);
            loadThread.shutdown();
            long loadEnded = System.currentTimeMillis() - loadStart;
            // What a case system does with an open outcome: send the same again, once.
            awaitAllReady(suite, Duration.ofMinutes(5));
            Map<String, Submission> resent = kit.resendOpen(submissions);

            long accepted = submissions.stream().filter(s -> s.outcome() == Outcome.ACCEPTED).count()
                    + resent.values().stream().filter(s -> s.outcome() == Outcome.ACCEPTED).count();
            long settleStart = System.currentTimeMillis();
            boolean quiet = awaitQuiet(kit, accepted);
            long settled = System.currentTimeMillis() - settleStart;
            Counts counts = Counts.take(suite, kit, submissions, resent);
            md.append("# Faults experiment (issue 14)\n\n")
                    .append("Run ").append(ExperimentKit.now()).append(" (").append(LocalDate.now()).append("): N = ")
                    .append(N).append(", rate ").append(RATE).append("/s, every ").append(SFTP_EVERY)
                    .append("th by Styret SFTP, outage ").append(OUTAGE.toSeconds()).append(" s per fault; load average ")
                    .append(loadAtStart).append(" at the start, ").append(ExperimentKit.loadAverage())
                    .append(" at the end; load took ").append(loadEnded / 1000).append(" s, the pipeline ")
                    .append(quiet ? "was quiet " : "was NOT quiet ").append(settled / 1000)
                    .append(" s after it; whole run ").append((System.currentTimeMillis() - started) / 1000)
                    .append(" s.\n\n")
                    .append("| fault (SIGKILL) | killed at s | back at s | all services ready at s | accepted / refused / not confirmed / unknown while down |\n")
                    .append("|---|---:|---:|---:|---|\n");
            for (Fault f : faults) {
                Map<Outcome, Integer> during = new EnumMap<>(Outcome.class);
                submissions.stream().filter(s -> s.atMillis() - loadStart >= f.killedAt()
                                && s.atMillis() - loadStart <= f.backAt())
                        .forEach(s -> during.merge(s.outcome(), 1, Integer::sum));
                md.append("| ").append(f.target()).append(" | ").append(f.killedAt() / 1000).append(" | ")
                        .append(f.backAt() / 1000).append(" | ").append(f.allReadyAt() / 1000).append(" | ")
                        .append(during.getOrDefault(Outcome.ACCEPTED, 0)).append(" / ")
                        .append(during.getOrDefault(Outcome.REFUSED, 0)).append(" / ")
                        .append(during.getOrDefault(Outcome.NOT_CONFIRMED, 0)).append(" / ")
                        .append(during.getOrDefault(Outcome.UNKNOWN, 0)).append(" |\n");
            }
            md.append("\n").append(counts.markdown());
            ExperimentKit.report("faults", md.toString());

            counts.assertExactlyOnce();
            assertThat(quiet).as("the pipeline became quiet within %s", SETTLE).isTrue();
            for (String service : SERVICES) {
                assertThat(suite.process(service).isAlive()).as("%s runs at the end", service).isTrue();
            }
        }
    }

    static Piece pieceOf(String target) {
        for (Piece piece : Piece.values()) {
            if (piece.id().equals(target)) {
                return piece;
            }
        }
        return null;
    }

    /** Waits until every service answers {@code /q/health/ready} (they reconnect to a restarted server on their own). */
    static void awaitAllReady(Suite suite, Duration atMost) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + atMost.toNanos();
        List<String> urls = List.of(suite.ingestUrl(), suite.forwarderUrl(), suite.receiptUrl(), suite.simulatorUrl());
        for (String url : urls) {
            while (true) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(url + " not ready again within " + atMost);
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Waits (at most {@link #SETTLE}) until there are at least as many return files as accepted forsendelser and the
     * files and notifications have not changed for {@link #QUIET}; true if so.
     */
    static boolean awaitQuiet(ExperimentKit kit, long accepted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long lastChange = System.nanoTime();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long files = kit.returnFilesOnDisk();
            long notified = kit.notifications().values().stream().mapToLong(Integer::longValue).sum();
            long now = files * 1_000_000L + notified;
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (files >= accepted && notified >= files
                    && System.nanoTime() - lastChange >= QUIET.toNanos()) {
                return true;
            }
            Thread.sleep(5000);
        }
        return false;
    }

    /** The simulator logs after its commit: a kill of it, or of SKAT's MQ during the commit, can leave no line. */
    static final String SKAT_UNLOGGED = "accepted: answered by SKAT without a line in the simulator's log (its commit"
            + " outcome lost to a kill)";

    /** The counts of one run and the exactly-once rules over them. */
    static final class Counts {
        final Map<String, Long> table = new LinkedHashMap<>();
        final List<String> findings = new ArrayList<>();

        /** @param resent the answer to the one resend of each open submission, by id */
        static Counts take(Suite suite, ExperimentKit kit, List<Submission> submissions,
                           Map<String, Submission> resent) throws Exception {
            Counts c = new Counts();
            Map<String, Integer> atSkat = kit.receivedBySkatLogged();
            Map<CaseSystem, List<String>> folders = kit.returnFiles();
            Map<String, List<Integer>> notifiedIn = kit.notificationRuns();
            Map<String, Set<String>> transferIds = kit.notificationTransferIds();
            Map<String, Integer> kvitteringer = kit.kvitteringer();
            // files per id: system → kind → names
            Map<String, Map<CaseSystem, Map<String, List<String>>>> files = new HashMap<>();
            for (var folder : folders.entrySet()) {
                for (String name : folder.getValue()) {
                    String[] parts = name.split("_", 3);
                    files.computeIfAbsent(parts[0], id -> new EnumMap<>(CaseSystem.class))
                            .computeIfAbsent(folder.getKey(), s -> new HashMap<>())
                            .computeIfAbsent(parts.length > 1 ? parts[1] : "?", k -> new ArrayList<>()).add(name);
                }
            }
            for (var channel : ExperimentKit.outcomes(submissions).entrySet()) {
                for (Outcome o : Outcome.values()) {
                    c.table.put("submitted by " + channel.getKey() + ", " + o.name().toLowerCase(),
                            (long) channel.getValue().getOrDefault(o, 0));
                }
            }
            long skattekortExpected = 0;
            for (Submission s : submissions) {
                CaseSystem other = s.system() == CaseSystem.KY ? CaseSystem.KSD : CaseSystem.KY;
                int copies = atSkat.getOrDefault(s.id(), 0);
                Map<CaseSystem, Map<String, List<String>>> own = files.getOrDefault(s.id(), Map.of());
                List<String> sumkvit = own.getOrDefault(s.system(), Map.of()).getOrDefault("SUMKVIT", List.of());
                int fejladv = own.values().stream().mapToInt(k -> k.getOrDefault("FEJLADV", List.of()).size()).sum();
                int elsewhere = own.getOrDefault(other, Map.of()).values().stream().mapToInt(List::size).sum();
                boolean delivered = copies > 0 || !sumkvit.isEmpty();
                if (fejladv > 0) {
                    c.count("fejladviseringer (any)", s, fejladv);
                }
                if (elsewhere > 0) {
                    c.count("return files in the other system's folder", s, elsewhere);
                }
                if (copies > 1) {
                    c.count("copies at SKAT beyond the first", s, copies - 1);
                }
                if (sumkvit.size() > 1) {
                    c.count("sumkvitteringer beyond the first", s, sumkvit.size() - 1);
                }
                for (String name : sumkvit) {
                    List<Integer> runs = notifiedIn.getOrDefault(name, List.of());
                    if (runs.isEmpty()) {
                        c.count("return files never notified", s, 1);
                    } else if (transferIds.getOrDefault(name, Set.of()).size() != 1) {
                        c.count("notifications of one file with different FileTransferUUIDs", s, 1);
                    } else if (isRedelivery(runs)) {
                        // The stub answered, receipt was killed before it recorded the delivery, the next run sent
                        // it again with the same FileTransferUUID: at-least-once to an outside endpoint, which
                        // recognises the repeat by that id (receipt README, "Notifications"). Counted, not a finding.
                        c.add("notification repeated after a kill of receipt-service, same FileTransferUUID", 1);
                    } else if (runs.size() > 1) {
                        c.count("notifications beyond the first", s, runs.size() - 1);
                    }
                }
                if (delivered) {
                    skattekortExpected += ExperimentKit.SKATTEKORT_PER_FORSENDELSE.get(s.system());
                }
                Submission resend = resent.get(s.id());
                boolean acceptedAtLast = s.outcome() == Outcome.ACCEPTED
                        || s.open() && resend != null && resend.outcome() == Outcome.ACCEPTED;
                switch (s.outcome()) {
                    case ACCEPTED -> c.add("accepted", 1);
                    case REFUSED -> {
                        c.add("refused (certain)", 1);
                        if (delivered) {
                            c.count("refused but delivered", s, 1);
                        }
                    }
                    case NOT_CONFIRMED, UNKNOWN -> {
                        String open = s.outcome() == Outcome.NOT_CONFIRMED ? "not confirmed" : "unknown (answer lost)";
                        c.add(open, 1);
                        c.add(open + ": accepted when resent once", acceptedAtLast ? 1 : 0);
                        if (!acceptedAtLast) {
                            c.count(open + ", resent once, NOT accepted ("
                                    + (resend == null ? "not resent" : resend.outcome() + " " + resend.detail()) + ")",
                                    s, 1);
                        }
                    }
                }
                if (acceptedAtLast) {
                    c.add("accepted at last (first answer or the resend)", 1);
                    c.add("accepted: at SKAT once", copies == 1 ? 1 : 0);
                    c.add(SKAT_UNLOGGED, copies == 0 && sumkvit.size() == 1 ? 1 : 0);
                    c.add("accepted: sumkvittering in its own folder once", sumkvit.size() == 1 ? 1 : 0);
                    c.add("accepted: notified once (one FileTransferUUID)", sumkvit.size() == 1
                            && notifiedOnce(notifiedIn.get(sumkvit.get(0)), transferIds.get(sumkvit.get(0))) ? 1 : 0);
                    if (!delivered) {
                        c.count("accepted but LOST (not at SKAT, no return file)", s, 1);
                    } else if (sumkvit.isEmpty()) {
                        c.count("accepted, at SKAT, but no sumkvittering", s, 1);
                    }
                    if (s.channel().equals("SFTP")) {
                        int k = kvitteringer.getOrDefault(s.id(), 0);
                        c.add("accepted by SFTP: kvittering once", k == 1 ? 1 : 0);
                        if (k != 1) {
                            c.count("SFTP kvitteringer not exactly one", s, 1);
                        }
                    }
                }
            }
            ChildDevStack stack = suite.childDevStack();
            long skattekort = 0;
            long skattekortDistinct = 0;
            for (CaseSystem system : CaseSystem.values()) {
                ExperimentKit.Browsed b = ExperimentKit.browse(stack.coreUrl(), "beskedfordeler." + system.name());
                c.table.put("skattekort messages on " + b.queue(), (long) b.messages());
                c.table.put("skattekort messages on " + b.queue() + ", distinct ids", (long) b.distinctIds());
                skattekort += b.messages();
                skattekortDistinct += b.distinctIds();
            }
            c.table.put("skattekort messages expected (2101 records of delivered forsendelser)", skattekortExpected);
            c.table.put("skattekort messages", skattekort);
            c.table.put("skattekort messages, distinct ids", skattekortDistinct);
            if (skattekort != skattekortExpected || skattekortDistinct != skattekort) {
                c.findings.add("skattekort: " + skattekort + " messages, " + skattekortDistinct + " distinct, "
                        + skattekortExpected + " expected");
            }
            for (var broker : Map.of("suite broker", stack.coreUrl(), "SKAT's MQ", stack.skatUrl()).entrySet()) {
                Map<String, Long> dead = ExperimentKit.deadLetters(broker.getValue());
                long total = dead.values().stream().mapToLong(Long::longValue).sum();
                c.table.put("dead letters on the " + broker.getKey(), total);
                dead.forEach((queue, depth) -> {
                    if (depth > 0) {
                        c.findings.add(broker.getKey() + " " + queue + ": " + depth + " message(s)");
                    }
                });
            }
            return c;
        }

        /**
         * The case system got the file's notification once, as it can tell: one delivery, or a delivery and its
         * repeat by the next run of receipt-service after a kill, both with the one FileTransferUUID.
         */
        private static boolean notifiedOnce(List<Integer> runs, Set<String> transferIds) {
            return runs != null && transferIds != null && transferIds.size() == 1
                    && (runs.size() == 1 || isRedelivery(runs));
        }

        private static boolean isRedelivery(List<Integer> runs) {
            return runs != null && runs.size() == 2 && !runs.get(0).equals(runs.get(1));
        }

        private void add(String row, long n) {
            table.merge(row, n, Long::sum);
        }

        /** A finding: counted in the table, and the first few ids named. */
        private void count(String row, Submission s, int n) {
            add(row, n);
            if (findings.size() < 40) {
                findings.add(row + ": " + s.id() + " (" + s.channel() + ", " + s.outcome() + " " + s.detail() + ")");
            }
        }

        String markdown() {
            StringBuilder md = new StringBuilder("| count | value |\n|---|---:|\n");
            table.forEach((row, n) -> md.append("| ").append(row).append(" | ").append(n).append(" |\n"));
            md.append("\nFindings: ").append(findings.isEmpty() ? "none" : "").append('\n');
            findings.forEach(f -> md.append("* ").append(f).append('\n'));

            return md.toString();
        }

        void assertExactlyOnce() {
            assertThat(findings).as("findings (see target/reliability/*.md)").isEmpty();
            long accepted = table.getOrDefault("accepted at last (first answer or the resend)", 0L);
            assertThat(accepted).as("accepted forsendelser").isPositive();
            assertThat(table.get("accepted: sumkvittering in its own folder once")).isEqualTo(accepted);
            assertThat(table.get("accepted: notified once (one FileTransferUUID)")).isEqualTo(accepted);
            assertThat(table.get("accepted: at SKAT once") + table.get(SKAT_UNLOGGED)).isEqualTo(accepted);
            assertThat(table.get(SKAT_UNLOGGED)).as(SKAT_UNLOGGED).isLessThanOrEqualTo(1);
        }
    }
}
