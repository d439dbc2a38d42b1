package io.reportingsuite.ingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-model load client: requests start at a fixed arrival rate whether or not earlier ones finished,
 * and each latency is measured from the request's scheduled start, so a slow server cannot hide its queue
 * (no coordinated omission).
 */
final class OpenModelLoad {

    /** What one run measured. */
    record Result(String target, int sent, int ok, int failed, double throughputPerSecond, double p50Millis,
                  double p99Millis, double maxMillis) {

        String row() {
            return String.format("| %-28s | %5d | %5d | %6d | %8.1f | %8.1f | %8.1f | %8.1f |", target, sent, ok, failed,
                    throughputPerSecond, p50Millis, p99Millis, maxMillis);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param request    the i-th request
     * @param okStatus   the status that counts as success
     */
    Result run(String target, IntFunction<HttpRequest> request, int okStatus, int ratePerSecond, int seconds)
            throws Exception {
        int total = ratePerSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        long[] lastDone = {start};
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        long now = System.nanoTime();
                        synchronized (lastDone) {
                            lastDone[0] = Math.max(lastDone[0], now);
                        }
                        if (error == null && response.statusCode() == okStatus) {
                            latencies.add(now - scheduled);
                        } else {
                            failed.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(seconds + 120L, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double elapsed = (lastDone[0] - start) / 1e9;
        return new Result(target, total, sorted.size(), failed.get(), sorted.size() / elapsed,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    static URI uri(String base, String path) {
        return URI.create(base + path);
    }
}
