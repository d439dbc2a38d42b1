package io.reportingsuite.forwarder;

import static org.awaitility.Awaitility.await;

import io.reportingsuite.devstack.DevStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged forwarder ({@code target/quarkus-app/quarkus-run.jar}) as a child process on the test's
 * devstack, so a test can kill it (SIGKILL) or stop it (SIGTERM) the way an orchestrator would.
 */
final class ForwarderProcess implements AutoCloseable {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final Process process;
    private final Path log;

    private ForwarderProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ForwarderProcess start(DevStack stack, String name) throws IOException {
        if (!Files.exists(APP)) {
            throw new IllegalStateException(APP + " is missing: run the failsafe tests after package (mvn verify)");
        }
        Path log = Path.of("target", name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m",
                "-Dquarkus.http.port=0",
                "-Damqp-host=" + stack.broker().amqpHost(),
                "-Damqp-port=" + stack.broker().amqpPort(),
                "-Dquarkus.artemis.\"skat\".url=" + stack.skatBroker().url(),
                "-Dquarkus.log.console.json.enabled=false",
                "-jar", APP.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ForwarderProcess forwarder = new ForwarderProcess(p, log);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !p.isAlive() || Files.readString(log).contains(" started in "));
        if (!p.isAlive()) {
            throw new IllegalStateException("the forwarder did not start; see " + log);
        }
        return forwarder;
    }

    /** SIGKILL: no shutdown hook, nothing settled, nothing committed that was in flight. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Quarkus' graceful shutdown. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * A counter of the running process, read from its {@code /q/metrics} (Prometheus text), summed over its
     * series; 0 when the counter has no series yet.
     */
    double metric(String name) throws IOException, InterruptedException {
        Matcher port = LISTENING.matcher(Files.readString(log));
        if (!port.find()) {
            throw new IllegalStateException("no HTTP port in " + log);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.group(1) + "/q/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/q/metrics answered " + response.statusCode());
        }
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(response.body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
