package io.reportingsuite.forwarder;

import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The packaged forwarder ({@code target/quarkus-app/quarkus-run.jar}) as a child process on the test's
 * devstack, so a test can kill it (SIGKILL) or stop it (SIGTERM) the way an orchestrator would. The process
 * handling is devstack's {@link ServiceProcess} (suite-tests runs every service that way); this class is the
 * forwarder's configuration for it.
 */
final class ForwarderProcess implements AutoCloseable {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final ServiceProcess process;

    private ForwarderProcess(ServiceProcess process) {
        this.process = process;
    }

    static ForwarderProcess start(DevStack stack, String name) throws IOException, InterruptedException {
        Map<String, String> config = Map.of(
                "quarkus.http.port", "0",
                "amqp-host", stack.broker().amqpHost(),
                "amqp-port", Integer.toString(stack.broker().amqpPort()),
                "quarkus.artemis.\"skat\".url", stack.skatBroker().url(),
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

    /** Lines of this process' log that contain {@code fragment}. */
    long logLines(String fragment) throws IOException {
        return process.logLines(fragment);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
