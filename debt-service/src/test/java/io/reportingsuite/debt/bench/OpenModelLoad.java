package io.reportingsuite.debt.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-model load: calls start at a fixed arrival rate whether or not earlier ones finished, and each
 * latency is measured from the call's scheduled start (no coordinated omission). The same model as
 * ingest-service's bench, generalised to any asynchronous call so the JDBC baseline runs under it too.
 */
final class OpenModelLoad {

    record Result(String target, int sent, int ok, int failed, double p50Millis, double p99Millis, double maxMillis) {

        String row() {
            return String.format("| %-34s | %6d | %6d | %6d | %8.2f | %8.2f | %8.2f |", target, sent, ok, failed,
                    p50Millis, p99Millis, maxMillis);
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
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        AtomicInteger failed = new AtomicInteger();
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
            inFlight.add(f.whenComplete((ok, error) -> {
                slots.release();
                long now = System.nanoTime();
                if (error == null && Boolean.TRUE.equals(ok)) {
                    latencies.add(now - scheduled);
                } else {
                    failed.incrementAndGet();
                }
            }));
        }
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(seconds + 120L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Calls still open after the grace period count as failed (the row says how many).
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Result result = new Result(target, total, sorted.size(), total - sorted.size(), percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        System.out.println(result.row());
        return result;
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
