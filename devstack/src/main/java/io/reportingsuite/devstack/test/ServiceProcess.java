package io.reportingsuite.devstack.test;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A packaged Quarkus application ({@code target/quarkus-app/quarkus-run.jar}) as a child process of the test,
 * configured by system properties, its output kept in a log file for diagnosis. A test can wait until it
 * reports ready, stop it (SIGTERM: Quarkus' graceful shutdown) or kill it (SIGKILL) the way an orchestrator
 * would. Used by forwarder-service's crash test and by suite-tests, which runs the whole suite this way.
 *
 * <p>A child that outlives its test JVM would hold ports and broker links: every process started here is
 * also killed by a shutdown hook of the JVM if the test did not stop it.
 */
public final class ServiceProcess implements AutoCloseable {

    /** What a Quarkus application logs once it has started (HTTP server listening, all beans up). */
    public static final String STARTED = " started in ";

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread reaper;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts {@code java -Xmx<heap> -D<key>=<value>... -jar <jar>} with the output (stdout and stderr) in
     * {@code log}. It does not wait for anything: {@link #awaitReady} or {@link #awaitLog} does.
     *
     * @param name             used in messages and the reaper thread's name
     * @param jar              the application's {@code quarkus-run.jar}
     * @param heap             the {@code -Xmx} value, e.g. {@code 256m}
     * @param systemProperties the configuration of this run, passed as {@code -Dkey=value}
     * @param log              where the process' output goes (created or replaced)
     */
    public static ServiceProcess start(String name, Path jar, String heap, Map<String, String> systemProperties,
                                       Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the application first (mvn verify runs "
                    + "these tests after the package phase)");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(name, process, log);
    }

    /** Waits until the log has a line containing {@code fragment}; fails early when the process dies. */
    public ServiceProcess awaitLog(String fragment, Duration atMost) {
        awaitOrExplain(atMost, () -> logLines(fragment) > 0, "log line '" + fragment + "'");
        return this;
    }

    /** Waits until {@code GET http://127.0.0.1:<port>/q/health/ready} answers 200; fails early when it dies. */
    public ServiceProcess awaitReady(int httpPort, Duration atMost) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        awaitOrExplain(atMost, () -> {
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }, "/q/health/ready on port " + httpPort);
        return this;
    }

    private void awaitOrExplain(Duration atMost, Callable<Boolean> condition, String what) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> !process.isAlive() || condition.call());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + ": no " + what + " within " + atMost + "; see " + log, e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see "
                    + log);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, nothing settled, nothing committed that was in flight. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Quarkus' graceful shutdown; killed if it has not ended after 60 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Lines of this process' log that contain {@code fragment}. */
    public long logLines(String fragment) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(fragment)).count();
        }
    }

    /** Stops the process if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; the hook runs and finds the process ended.
        }
    }
}
