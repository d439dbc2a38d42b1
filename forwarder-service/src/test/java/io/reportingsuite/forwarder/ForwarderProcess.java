package io.reportingsuite.forwarder;

import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged forwarder ({@code target/quarkus-app/quarkus-run.jar}) as a child process on the test's
 * devstack, so a test can kill it (SIGKILL) or stop it (SIGTERM) the way an orchestrator would. The process
 * handling is devstack's {@link ServiceProcess} (suite-tests runs every service that way); this class is the
 * forwarder's configuration for it.
 */
final class ForwarderProcess implements AutoCloseable {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final ServiceProcess process;

    private ForwarderProcess(ServiceProcess process) {
        this.process = process;
    }

    static ForwarderProcess start(DevStack stack, String name) throws IOException, InterruptedException {
        Map<String, String> config = Map.of(
                "quarkus.http.port", "0",
                // As ./suite runs it: the prod profile plus the local case-system registry (profile "local").
                "quarkus.profile", "prod,local",
                "amqp-host", stack.broker().amqpHost(),
                "amqp-port", Integer.toString(stack.broker().amqpPort()),
                "quarkus.artemis.\"skat\".url", stack.skatBroker().url(),
                "quarkus.artemis.\"suite\".url", stack.broker().coreUrl(),
                "quarkus.log.console.json.enabled", "false");
        ServiceProcess process = ServiceProcess.start(name, APP, "256m", config, Path.of("target", name + ".log"));
        try {
            process.awaitLog(ServiceProcess.STARTED, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        return new ForwarderProcess(process);
    }

    /** SIGKILL: no shutdown hook, nothing settled, nothing committed that was in flight. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM: Quarkus' graceful shutdown. */
    void stop() throws InterruptedException {
        process.stop();
    }

    /**
     * A counter of the running process, read from its {@code /q/metrics} (Prometheus text), summed over its
     * series; 0 when the counter has no series yet.
     */
    double metric(String name) throws IOException, InterruptedException {
        Matcher port = LISTENING.matcher(Files.readString(process.log()));
        if (!port.find()) {
            throw new IllegalStateException("no HTTP port in " + process.log());
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
        process.close();
    }
}
