package io.reportingsuite.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.suite.ChildDevStack.Piece;
import io.reportingsuite.suite.ExperimentKit.Outcome;
import io.reportingsuite.suite.ExperimentKit.Submission;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: SKAT's MQ killed (SIGKILL) while forsendelser are submitted, with the forwarder's retry window set to
 * {@code reliability.retry-window-seconds} (default 60; production 4 h) and a short back-off (1 s … 5 s):
 * <ol>
 *   <li>down for less than the window (half of it): every accepted forsendelse reaches SKAT exactly once, after
 *   SKAT's MQ is back, and its sumkvittering is in its folder once, notified once;</li>
 *   <li>down for longer than the window: every accepted forsendelse gets the platform's fejladvisering 9001 in
 *   its own folder exactly once, notified once, and nothing of it reaches SKAT when SKAT's MQ is back (waited
 *   {@link #AFTER_RETURN}).</li>
 * </ol>
 * {@code reliability.outage-forsendelser} (default 40) per phase at 4/s. The counts go to
 * {@code target/reliability/skat-outage.md}. Runs only in profile {@code reliability}.
 */
class SkatOutageExperiment {

    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("reliability.retry-window-seconds", 60));
    static final int PER_PHASE = Integer.getInteger("reliability.outage-forsendelser", 40);
    static final double RATE = 4;
    static final Duration FLOW = Duration.ofMinutes(5);
    static final Duration AFTER_RETURN = Duration.ofSeconds(45);

    @Test
    void skatsMqDownShorterThanTheRetryWindowDeliversOnceLateAndLongerGivesOneFejladvisering9001AndNothingLater()
            throws Exception {
        Map<String, Map<String, String>> extra = new HashMap<>();
        for (String service : FaultsExperiment.SERVICES) {
            extra.computeIfAbsent(service, s -> new HashMap<>()).put("quarkus.otel.sdk.disabled", "true");
        }
        Map<String, String> forwarder = extra.get("forwarder-service");
        forwarder.put("forwarder.mq-retry-window", WINDOW.toSeconds() + "s");
        forwarder.put("forwarder.retry.initial-delay", "1s");
        forwarder.put("forwarder.retry.max-delay", "5s");
        extra.get("skat-simulator").put("simulator.ledger-size", "10000");
        Map<String, String> rows = new LinkedHashMap<>();
        try (Suite suite = Suite.startWithChildDevStack("skat-outage", extra)) {
            ExperimentKit kit = new ExperimentKit(suite, 0);
            String loadAtStart = ExperimentKit.loadAverage();

            // 1. Shorter than the window.
            suite.killDevstack(Piece.SKAT_MQ);
            long downAt = System.currentTimeMillis();
            List<Submission> shortRun = kit.run(0, PER_PHASE, RATE, Duration.ofMinutes(5));
            Thread.sleep(Math.max(0, downAt + WINDOW.toMillis() / 2 - System.currentTimeMillis()));
            suite.restartDevstack(Piece.SKAT_MQ);
            Instant back = Instant.now();
            long downFor = System.currentTimeMillis() - downAt;
            List<Submission> shortAccepted = accepted(shortRun);
            FaultsExperiment.awaitAllReady(suite, Duration.ofMinutes(3));
            awaitFiles(kit, shortAccepted, "SUMKVIT");
            List<Map<String, Object>> atSkat = kit.receivedBySkat();
            Map<String, Integer> copies = ExperimentKit.copiesById(List.of(atSkat));
            Map<CaseSystem, List<String>> folders = kit.returnFiles();
            Map<String, Integer> notified = kit.notifications();
            int onceAtSkat = 0;
            int late = 0;
            int sumkvitOnce = 0;
            int notifiedOnce = 0;
            int fejladv = 0;
            for (Submission s : shortAccepted) {
                onceAtSkat += copies.getOrDefault(s.id(), 0) == 1 ? 1 : 0;
                late += atSkat.stream().filter(c -> s.id().equals(c.get("hovedIndberetningId")))
                        .filter(c -> Instant.parse((String) c.get("receivedAt")).isAfter(back.minusSeconds(1)))
                        .count() == 1 ? 1 : 0;
                List<String> sumkvit = named(folders.get(s.system()), s.id(), "SUMKVIT");
                sumkvitOnce += sumkvit.size() == 1 ? 1 : 0;
                notifiedOnce += sumkvit.size() == 1 && notified.getOrDefault(sumkvit.get(0), 0) == 1 ? 1 : 0;
                fejladv += named(folders.get(s.system()), s.id(), "FEJLADV").size();
            }
            rows.put("short outage: SKAT's MQ down for (s)", Long.toString(downFor / 1000));
            rows.put("short outage: accepted / refused", shortAccepted.size() + " / "
                    + (shortRun.size() - shortAccepted.size()));
            rows.put("short outage: at SKAT exactly once", Integer.toString(onceAtSkat));
            rows.put("short outage: received by SKAT after its MQ was back", Integer.toString(late));
            rows.put("short outage: sumkvittering once in own folder", Integer.toString(sumkvitOnce));
            rows.put("short outage: notified once", Integer.toString(notifiedOnce));
            rows.put("short outage: fejladviseringer", Integer.toString(fejladv));
            int shortOnce = onceAtSkat;
            int shortLate = late;
            int shortSumkvit = sumkvitOnce;
            int shortNotified = notifiedOnce;
            int shortFejl = fejladv;

            // 2. Longer than the window.
            suite.killDevstack(Piece.SKAT_MQ);
            downAt = System.currentTimeMillis();
            List<Submission> longRun = kit.run(PER_PHASE, PER_PHASE, RATE, Duration.ofMinutes(5));
            List<Submission> longAccepted = accepted(longRun);
            awaitFiles(kit, longAccepted, "FEJLADV");
            long fejlAfter = System.currentTimeMillis() - downAt;
            suite.restartDevstack(Piece.SKAT_MQ);
            downFor = System.currentTimeMillis() - downAt;
            FaultsExperiment.awaitAllReady(suite, Duration.ofMinutes(3));
            Thread.sleep(AFTER_RETURN.toMillis());
            copies = ExperimentKit.copiesById(List.of(kit.receivedBySkat()));
            folders = kit.returnFiles();
            notified = kit.notifications();
            int fejlOnce9001 = 0;
            int fejlNotifiedOnce = 0;
            int atSkatAfter = 0;
            int sumkvit = 0;
            for (Submission s : longAccepted) {
                List<String> fejl = named(folders.get(s.system()), s.id(), "FEJLADV");
                if (fejl.size() == 1) {
                    Fejladvisering f = Fejladvisering.parse(ReturnFiles.download(suite, s.system(), fejl.get(0)));
                    fejlOnce9001 += f.fejl().size() == 1 && f.fejl().get(0).fejlnr() == 9001 ? 1 : 0;
                    fejlNotifiedOnce += notified.getOrDefault(fejl.get(0), 0) == 1 ? 1 : 0;
                }
                atSkatAfter += copies.getOrDefault(s.id(), 0);
                sumkvit += named(folders.get(s.system()), s.id(), "SUMKVIT").size();
            }
            rows.put("long outage: SKAT's MQ down for (s)", Long.toString(downFor / 1000));
            rows.put("long outage: every fejladvisering written after (s)", Long.toString(fejlAfter / 1000));
            rows.put("long outage: accepted / refused", longAccepted.size() + " / "
                    + (longRun.size() - longAccepted.size()));
            rows.put("long outage: one fejladvisering 9001 in own folder", Integer.toString(fejlOnce9001));
            rows.put("long outage: fejladvisering notified once", Integer.toString(fejlNotifiedOnce));
            rows.put("long outage: copies at SKAT " + AFTER_RETURN.toSeconds() + " s after its MQ was back",
                    Integer.toString(atSkatAfter));
            rows.put("long outage: sumkvitteringer", Integer.toString(sumkvit));
            Map<String, Long> dead = new LinkedHashMap<>();
            dead.putAll(ExperimentKit.deadLetters(suite.childDevStack().coreUrl()));
            ExperimentKit.deadLetters(suite.childDevStack().skatUrl()).forEach((q, n) -> dead.put("SKAT " + q, n));
            long deadTotal = dead.values().stream().mapToLong(Long::longValue).sum();
            rows.put("dead letters on both brokers", Long.toString(deadTotal));

            StringBuilder md = new StringBuilder("# SKAT outage experiment (issue 14)\n\n")
                    .append("Run ").append(ExperimentKit.now()).append(" (").append(LocalDate.now())
                    .append("): retry window ").append(WINDOW.toSeconds()).append(" s (back-off 1 s … 5 s), ")
                    .append(PER_PHASE).append(" forsendelser per phase at ").append(RATE)
                    .append("/s (KY by SOAP, KSD by REST); load average ").append(loadAtStart).append(" at the start, ")
                    .append(ExperimentKit.loadAverage()).append(" at the end.\n\n| count | value |\n|---|---:|\n");
            rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            dead.forEach((q, n) -> {
                if (n > 0) {
                    md.append("\n* dead letters: ").append(q).append(": ").append(n);
                }
            });
            ExperimentKit.report("skat-outage", md.append('\n').toString());

            assertThat(shortAccepted).as("accepted while SKAT's MQ was down (ingest does not need it)")
                    .hasSize(shortRun.size());
            assertThat(downFor).as("the long outage outlasted the window").isGreaterThan(WINDOW.toMillis());
            assertThat(List.of(shortOnce, shortLate, shortSumkvit, shortNotified))
                    .as("short outage: at SKAT once, late, sumkvittering once, notified once")
                    .containsOnly(shortAccepted.size());
            assertThat(shortFejl).as("short outage: fejladviseringer").isZero();
            assertThat(longAccepted).hasSize(longRun.size());
            assertThat(List.of(fejlOnce9001, fejlNotifiedOnce)).as("long outage: one 9001, notified once")
                    .containsOnly(longAccepted.size());
            assertThat(atSkatAfter).as("long outage: delivered to SKAT after it came back").isZero();
            assertThat(sumkvit).as("long outage: sumkvitteringer").isZero();
            assertThat(deadTotal).as("dead letters: %s", dead).isZero();
        }
    }

    private static List<Submission> accepted(List<Submission> run) {
        return run.stream().filter(s -> s.outcome() == Outcome.ACCEPTED).toList();
    }

    private static List<String> named(List<String> folder, String id, String kind) {
        return folder.stream().filter(n -> n.startsWith(id + "_" + kind + "_")).toList();
    }

    /**
     * Waits until every submission has a return file of {@code kind} in its folder and that file was notified, at
     * most {@link #FLOW}.
     */
    private static void awaitFiles(ExperimentKit kit, List<Submission> submissions, String kind) throws Exception {
        long deadline = System.nanoTime() + FLOW.toNanos();
        while (System.nanoTime() < deadline) {
            Map<CaseSystem, List<String>> folders = kit.returnFiles();
            Map<String, Integer> notified = kit.notifications();
            List<Submission> missing = new ArrayList<>(submissions);
            missing.removeIf(s -> named(folders.get(s.system()), s.id(), kind).stream().anyMatch(notified::containsKey));
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(2000);
        }
    }
}
