package io.reportingsuite.ingest.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    record Result(String target, int rate, int sent, int ok, int failed, double throughputPerSecond, double p50Millis,
                  double p99Millis, double maxMillis) {

        String row() {
            return String.format("| %-28s | %5d | %5d | %5d | %6d | %8.1f | %8.1f | %8.1f | %8.1f |", target, rate, sent,
                    ok, failed, throughputPerSecond, p50Millis, p99Millis, maxMillis);
        }
    }

    /**
     * HTTP/1.1 as SOAP clients speak it (CXF's, .NET's): left to its default, the JDK client upgrades a plain
     * {@code http:} connection to HTTP/2 (h2c) and multiplexes every request over one connection, where the
     * server's workers then wait on HTTP/2 flow control for the request bodies. Completions run on a small
     * pool of the client's own: on 2 cores the common pool has parallelism 1, and CompletableFuture would then
     * start a new thread per response.
     */
    private final ExecutorService callbacks = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "load-client");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(callbacks).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param request    the i-th request
     * @param okStatus   the status that counts as success
     */
    Result run(String target, IntFunction<HttpRequest> request, int okStatus, int ratePerSecond, int seconds)
            throws Exception {
        int total = ratePerSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        // Built before the clock starts: at a few hundred requests/s, building them on the sending thread would
        // make it fall behind the schedule and charge the client's own work to the server.
        List<HttpRequest> requests = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            requests.add(request.apply(i));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        long[] lastDone = {start};
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            int index = i;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(client.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        requests.set(index, null);
                        long now = System.nanoTime();
                        synchronized (lastDone) {
                            lastDone[0] = Math.max(lastDone[0], now);
                        }
                        if (error == null && response.statusCode() == okStatus) {
                            latencies.add(now - scheduled);
                        } else {
                            failed.incrementAndGet();
                            failures.merge(error == null ? "HTTP " + response.statusCode()
                                    : error.getClass().getSimpleName(), 1, Integer::sum);
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(seconds + 120L, TimeUnit.SECONDS);
        if (!failures.isEmpty()) {
            System.out.println(target + " at " + ratePerSecond + "/s, failures by kind: " + new TreeMap<>(failures));
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double elapsed = (lastDone[0] - start) / 1e9;
        return new Result(target, ratePerSecond, total, sorted.size(), failed.get(), sorted.size() / elapsed,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    /**
     * The saturation mode: the same open model at each rate of {@code rates} in turn ({@code seconds} each),
     * until a step is not <em>bounded</em>: every request answered {@code okStatus}, at least 95 % of the
     * offered rate accepted per second, and p99 at most {@code p99BoundMillis}. Returns every step run, the
     * last one being the first unbounded one unless all passed.
     */
    List<Result> ramp(String target, IntFunction<HttpRequest> request, int okStatus, int[] rates, int seconds,
                      double p99BoundMillis) throws Exception {
        List<Result> steps = new ArrayList<>();
        int offset = 0;
        for (int rate : rates) {
            int first = offset;
            Result r = run(target, i -> request.apply(first + i), okStatus, rate, seconds);
            offset += rate * seconds;
            steps.add(r);
            System.out.println("saturation step " + r.row());
            if (!bounded(r, p99BoundMillis)) {
                break;
            }
        }
        return steps;
    }

    static boolean bounded(Result r, double p99BoundMillis) {
        return r.failed() == 0 && r.throughputPerSecond() >= 0.95 * r.rate() && r.p99Millis() <= p99BoundMillis;
    }

    /** The highest offered rate whose step was bounded, or 0 when the first was not. */
    static Result highestBounded(List<Result> steps, double p99BoundMillis) {
        Result best = null;
        for (Result r : steps) {
            if (bounded(r, p99BoundMillis)) {
                best = r;
            }
        }
        return best;
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
