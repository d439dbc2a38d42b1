package io.reportingsuite.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.ServiceProcess;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.ingest.messaging.ForsendelsePublisher;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.support.Samples;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Opt-in (profile {@code large-file-1g}, see the README): a 1 GiB forsendelse end to end with each service at the
 * heap {@code ./suite} gives it (-Xmx384m): ingest-service's {@link ForsendelsePublisher#publishFile} (this
 * Quarkus test; the profile runs its JVM with -Xmx384m) → the suite broker ({@code eindkomst.forsendelser.large})
 * → the packaged forwarder-service → SKAT's MQ → the packaged skat-simulator, each a child process. Asserts the
 * simulator received it byte-identical (SHA-256) exactly once, and records the peak heap of the three services,
 * sampled every 250 ms from their own {@code /q/metrics} ({@code jvm_memory_used_bytes{area="heap"}}, and the
 * live data after the last old-generation collection, {@code jvm_gc_live_data_size_bytes}), into
 * {@code target/large-file-1g.txt}. Needs forwarder-service and skat-simulator packaged first.
 *
 * <p>A valid eIndkomst file ends at 9,999,999 lines (Lb_nr has 7 digits), about 455 MB with the generator's
 * records; the gigabyte is the generator's valid file repeated (same HovedIndberetningID), so SKAT answers it
 * with a fejladvisering (Lb_nr restarts, several 1000/9999). The transport does not look at the content beyond
 * record 1000 and the SHA-256.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class LargeFileEndToEndBench {

    private static final long GIB = 1L << 30;
    private static final String HEAP = "384m";
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final Path TARGET = Path.of("target");

    @Inject
    ForsendelsePublisher publisher;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aOneGibFileTravelsEndToEndWithFlatHeap() throws Exception {
        DevStack stack = SharedDevStack.get();
        String id = Samples.newId('A');
        Path file = TARGET.resolve("large-file-1g.dat");
        String sha256 = generate(id, file);
        long size = Files.size(file);

        try (ServiceProcess forwarder = start("forwarder-service", Map.of(
                "amqp-host", stack.broker().amqpHost(),
                "amqp-port", Integer.toString(stack.broker().amqpPort()),
                "quarkus.artemis.\"skat\".url", stack.skatBroker().url(),
                "quarkus.artemis.\"suite\".url", stack.broker().coreUrl()));
             ServiceProcess simulator = start("skat-simulator", Map.of(
                     "quarkus.artemis.\"skat\".url", stack.skatBroker().url(),
                     "simulator.answer-delay", "0s"))) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("ingest-service", RestAssured.port);
            ports.put("forwarder-service", port(forwarder));
            ports.put("skat-simulator", port(simulator));
            // baseline, same run: the three services idle (started, connected) for as long as a few transfers take
            HeapSampler idle = new HeapSampler(ports);
            idle.start();
            await().pollDelay(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> true);
            idle.stop();
            HeapSampler sampler = new HeapSampler(ports);
            sampler.start();
            Instant start = Instant.now();
            publisher.publishFile(new Forsendelse(id, sha256, "KY", "SFTP", "13748136", size, 0, 0, 0, start, null,
                    Forsendelse.State.RECEIVED), "KOMBIT_KY", file);
            Instant published = Instant.now();
            JsonNode received = await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> received(ports.get("skat-simulator"), id), r -> !r.isEmpty()).get(0);
            Instant atSkat = Instant.now();
            // a second copy would arrive in the next seconds; the ledger is read once more after the answer
            await().atMost(Duration.ofMinutes(5)).until(() -> stack.broker().messageCount(
                    io.reportingsuite.contracts.messaging.Addresses.FORSENDELSER_LARGE) == 0
                    && stack.skatBroker().messageCount(io.reportingsuite.contracts.skatmq.SkatMq.EP_SK1_DEFAULT) == 0);
            List<JsonNode> all = received(ports.get("skat-simulator"), id);
            sampler.stop();

            assertThat(received.get("sha256").asText()).isEqualTo(sha256);
            assertThat(received.get("bytes").asLong()).isEqualTo(size);
            assertThat(all).as("times SKAT received it").hasSize(1);
            assertThat(forwarder.isAlive()).isTrue();
            assertThat(simulator.isAlive()).isTrue();

            StringBuilder report = new StringBuilder();
            report.append(String.format("1 GiB forsendelse end to end (%,d bytes, SHA-256 identical at SKAT, once)%n",
                    size));
            report.append(String.format("ingest publishFile (file -> suite broker): %.1f s, %.0f MB/s%n",
                    seconds(start, published), size / 1e6 / seconds(start, published)));
            report.append(String.format("publishFile start -> received by the simulator: %.1f s%n",
                    seconds(start, atSkat)));
            report.append("| service | -Xmx | peak heap used: idle 15 s (baseline) | peak heap used: 1 GiB transfer"
                    + " | ratio | peak live data after an old-gen GC (transfer) | samples |\n");
            report.append("|---|---|---|---|---|---|---|\n");
            for (String service : ports.keySet()) {
                report.append(String.format("| %s | %s | %d MiB | %d MiB | %.2f | %s | %d |%n", service, HEAP,
                        idle.peakUsed(service) >> 20, sampler.peakUsed(service) >> 20,
                        (double) sampler.peakUsed(service) / Math.max(1, idle.peakUsed(service)),
                        sampler.peakLive(service) == 0 ? "no old-gen GC" : (sampler.peakLive(service) >> 20) + " MiB",
                        sampler.samples(service)));
            }
            Files.writeString(TARGET.resolve("large-file-1g.txt"), report);
            System.out.println(report);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The generator's valid KY file repeated until the file holds at least 1 GiB; returns its SHA-256. */
    private static String generate(String id, Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (size < GIB) {
                try (InputStream in = new EIndkomstGenerator(CaseSystem.KY, id, 9_999_999)) {
                    int n;
                    while (size < GIB && (n = in.read(buffer)) > 0) {
                        // the generator hands out whole records per read: the file ends at a line end
                        out.write(buffer, 0, n);
                        sha.update(buffer, 0, n);
                        size += n;
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static ServiceProcess start(String module, Map<String, String> config) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(config);
        all.put("quarkus.http.port", "0");
        all.put("quarkus.profile", "prod,local");
        all.put("quarkus.log.console.json.enabled", "false");
        ServiceProcess p = ServiceProcess.start(module, Path.of("..", module, "target", "quarkus-app",
                "quarkus-run.jar"), HEAP, all, TARGET.resolve(module + "-1g.log"));
        p.awaitLog(ServiceProcess.STARTED, Duration.ofSeconds(90));
        return p;
    }

    private static int port(ServiceProcess p) throws Exception {
        Matcher m = LISTENING.matcher(Files.readString(p.log()));
        if (!m.find()) {
            throw new IllegalStateException("no HTTP port in " + p.log());
        }
        return Integer.parseInt(m.group(1));
    }

    private List<JsonNode> received(int port, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/admin/received")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(r.body()).get("received")) {
            if (id.equals(n.get("hovedIndberetningId").asText())) {
                mine.add(n);
            }
        }
        return mine;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Reads each service's heap gauges from its /q/metrics every 250 ms and keeps the peaks. */
    private static final class HeapSampler {
        private static final Pattern USED = Pattern.compile(
                "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)$");
        private static final Pattern LIVE = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(\\{[^}]*\\})? (\\S+)$");

        private final Map<String, Integer> ports;
        private final Map<String, AtomicLong> used = new LinkedHashMap<>();
        private final Map<String, AtomicLong> live = new LinkedHashMap<>();
        private final Map<String, AtomicLong> count = new LinkedHashMap<>();
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private volatile boolean running = true;
        private Thread thread;

        HeapSampler(Map<String, Integer> ports) {
            this.ports = ports;
            ports.keySet().forEach(s -> {
                used.put(s, new AtomicLong());
                live.put(s, new AtomicLong());
                count.put(s, new AtomicLong());
            });
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    ports.forEach(this::sample);
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample(String service, int port) {
            try {
                String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                double heap = 0;
                Matcher m = USED.matcher(body);
                while (m.find()) {
                    heap += Double.parseDouble(m.group(1));
                }
                Matcher l = LIVE.matcher(body);
                double liveData = l.find() ? Double.parseDouble(l.group(2)) : 0;
                used.get(service).accumulateAndGet((long) heap, Math::max);
                live.get(service).accumulateAndGet((long) liveData, Math::max);
                count.get(service).incrementAndGet();
            } catch (Exception e) {
                // a missed sample; the next one counts
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        long peakUsed(String service) {
            return used.get(service).get();
        }

        long peakLive(String service) {
            return live.get(service).get();
        }

        long samples(String service) {
            return count.get(service).get();
        }
    }

    static {
        // the test JVM's own heap limit, for the report's reader: the profile sets -Xmx384m
        System.out.println("ingest test JVM max heap: " + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                .getMax() >> 20) + " MiB");
    }
}
