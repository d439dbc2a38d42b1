package io.reportingsuite.debt.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-model load: calls start at a fixed arrival rate whether or not earlier ones finished, and each
 * latency is measured from the call's scheduled start (no coordinated omission). The same model as
 * ingest-service's bench, generalised to any asynchronous call so the JDBC baseline runs under it too.
 */
final class OpenModelLoad {

    /**
     * One phase's figures. {@code perSecondP99Millis[s]} is the p99 of the calls <em>scheduled</em> in second
     * {@code s} of the phase (NaN when none of them succeeded): it shows whether a tail sits in the first seconds
     * (JIT, cold caches) or is spread over the phase.
     */
    record Result(String target, int sent, int ok, int failed, double p50Millis, double p90Millis, double p99Millis,
            double p999Millis, double maxMillis, double[] perSecondP99Millis) {

        String row() {
            return String.format("| %-34s | %6d | %6d | %6d | %8.2f | %8.2f | %8.2f | %8.2f | %8.2f |", target, sent, ok,
                    failed, p50Millis, p90Millis, p99Millis, p999Millis, maxMillis);
        }

        static String header() {
            return "| target                             |   sent |     ok | failed | p50 (ms) | p90 (ms) | p99 (ms) |"
                    + " p99.9 (ms) | max (ms) |";
        }

        /** The per-second p99 series on one line, in ms, second 0 first. */
        String perSecondP99() {
            StringJoiner line = new StringJoiner(" ", "per-second p99 (ms) of " + target + ": ", "");
            for (double p : perSecondP99Millis) {
                line.add(Double.isNaN(p) ? "-" : String.format("%.1f", p));
            }
            return line.toString();
        }

        /** The largest per-second p99 among seconds {@code from} and later (NaN seconds skipped). */
        double worstSecondFrom(int from) {
            double worst = 0;
            for (int s = from; s < perSecondP99Millis.length; s++) {
                if (!Double.isNaN(perSecondP99Millis[s])) {
                    worst = Math.max(worst, perSecondP99Millis[s]);
                }
            }
            return worst;
        }
    }

    /**
     * At most this many calls in flight (HTTP/1.1: connections). A call whose turn comes while all are busy
     * waits for one, and that wait counts in its latency (measured from its scheduled start), as with a fixed
     * pool of connections in wrk2; without a bound a service that falls behind makes the client open a
     * connection per waiting call until the process runs out of file descriptors (seen on the 2-core machine).
     */
    static final int MAX_IN_FLIGHT = Integer.getInteger("bench.max-in-flight", 512);

    /** @param call the i-th call; completes with true when it succeeded */
    static Result run(String target, IntFunction<CompletableFuture<Boolean>> call, int ratePerSecond, int seconds)
            throws Exception {
        Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
        int total = ratePerSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        // Latency of call i in ns, -1 while open or when it failed; each slot is written once by its completion.
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire();
            CompletableFuture<Boolean> f;
            try {
                f = call.apply(i);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            int index = i;
            inFlight.add(f.whenComplete((ok, error) -> {
                slots.release();
                long now = System.nanoTime();
                if (error == null && Boolean.TRUE.equals(ok)) {
                    latencies[index] = now - scheduled;
                }
            }));
        }
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(seconds + 120L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Calls still open after the grace period count as failed (the row says how many).
        }
        // allOf's completion (or the timeout) orders the completions' writes before these reads; a call still
        // open after the timeout may write its slot late, and is counted from what is read here.
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        double[] perSecond = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            long[] second = Arrays.stream(latencies, s * ratePerSecond, (s + 1) * ratePerSecond).filter(l -> l >= 0)
                    .sorted().toArray();
            perSecond[s] = second.length == 0 ? Double.NaN : percentile(second, 0.99);
        }
        Result result = new Result(target, total, ok.length, total - ok.length, percentile(ok, 0.50),
                percentile(ok, 0.90), percentile(ok, 0.99), percentile(ok, 0.999),
                ok.length == 0 ? 0 : ok[ok.length - 1] / 1e6, perSecond);
        System.out.println(result.row());
        System.out.println(result.perSecondP99());
        return result;
    }

    /** Nearest rank: the smallest value with at least p of the values at or below it. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] / 1e6;
    }
}
