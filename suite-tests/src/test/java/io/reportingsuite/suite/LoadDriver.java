package io.reportingsuite.suite;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The load of issue 14's {@link PerformanceExperiment}, from outside the suite over plain HTTP/1.1.
 *
 * <ul>
 *   <li>{@link #open}: an open model (the idea of ingest-service's {@code bench/OpenModelLoad}): request {@code i}
 *   starts at {@code start + i / rate} whether or not earlier ones finished, and its latency is measured from that
 *   scheduled start, so a slow server cannot hide its queue (no coordinated omission).</li>
 *   <li>{@link #closed}: {@code concurrency} callers, each sending its next request as soon as its previous one was
 *   answered: what the server accepts per second when it is the bottleneck (saturation).</li>
 * </ul>
 */
final class LoadDriver {

    /**
     * One call: its index, when it was scheduled to start and when it ended (nanoTime), when it ended on the wall
     * clock (epoch millis, to compare with the services' timestamps), whether it counted as success, and a short
     * failure text (status or exception type; never a body).
     */
    record Call(int index, long scheduledNanos, long endNanos, long endMillis, boolean ok, String failure) {
        double latencyMillis() {
            return (endNanos - scheduledNanos) / 1e6;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code count} requests at {@code ratePerSecond}, open model; returns every call once all have ended. */
    List<Call> open(int count, double ratePerSecond, IntFunction<HttpRequest> request,
                    Predicate<HttpResponse<String>> ok) throws Exception {
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
        List<Call> calls = Collections.synchronizedList(new ArrayList<>(count));
        List<CompletableFuture<?>> inFlight = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            inFlight.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> calls.add(call(index, scheduled, response, error, ok))));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get((long) (count / ratePerSecond) + 180, TimeUnit.SECONDS);
        return sorted(calls);
    }

    /**
     * {@code count} requests by {@code concurrency} callers, each waiting for its answer before its next request
     * (closed model); latency from each request's own start.
     */
    List<Call> closed(int count, int concurrency, IntFunction<HttpRequest> request,
                      Predicate<HttpResponse<String>> ok, Duration atMost) throws Exception {
        List<Call> calls = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            Thread caller = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        HttpResponse<String> response = null;
                        Throwable error = null;
                        try {
                            response = client.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            error = e;
                        }
                        calls.add(call(i, started, response, error, ok));
                    }
                } finally {
                    done.countDown();
                }
            }, "load-caller-" + c);
            caller.setDaemon(true);
            caller.start();
        }
        if (!done.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("closed load of " + count + " requests not done within " + atMost);
        }
        return sorted(calls);
    }

    private static Call call(int index, long scheduled, HttpResponse<String> response, Throwable error,
                             Predicate<HttpResponse<String>> ok) {
        long end = System.nanoTime();
        long endMillis = System.currentTimeMillis();
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            return new Call(index, scheduled, end, endMillis, false, cause.getClass().getSimpleName());
        }
        boolean success = ok.test(response);
        return new Call(index, scheduled, end, endMillis, success, success ? "" : "HTTP " + response.statusCode());
    }

    private static List<Call> sorted(List<Call> calls) {
        List<Call> copy = new ArrayList<>(calls);
        copy.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return copy;
    }

    /** The {@code p}-quantile (0…1, nearest rank) of the values, or NaN if there are none. */
    static <T> double percentile(List<T> items, ToDoubleFunction<T> value, double p) {
        double[] values = items.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, rank))];
    }
}
