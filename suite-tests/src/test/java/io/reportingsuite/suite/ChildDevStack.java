package io.reportingsuite.suite;

import io.reportingsuite.devstack.BrokerSettings;
import io.reportingsuite.devstack.DatabaseSettings;
import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.EmbeddedBroker;
import io.reportingsuite.devstack.EmbeddedDatabase;
import io.reportingsuite.devstack.FreePorts;
import io.reportingsuite.devstack.SkatBroker;
import io.reportingsuite.devstack.SkatBrokerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * devstack's three servers as three child processes of the test JVM, so that an experiment can kill each with
 * SIGKILL and start it again on the same port with the same data, as a crash and a restart of the broker, of
 * SKAT's MQ or of PostgreSQL would: the suite broker ({@link EmbeddedBroker}), SKAT's MQ ({@link SkatBroker}) and
 * PostgreSQL ({@link EmbeddedDatabase}) with the settings {@code ./suite up} gives them (DevStack's {@code main}:
 * 10 delivery attempts, redelivery 1 s … 1 min, data kept) on free loopback ports. Each child runs
 * {@link #main} of this class from the test JVM's class path; its output is {@code <logs>/<piece>[-restart<n>].log}.
 *
 * <p>PostgreSQL runs in a session of its own (pg_ctl starts it so), not as a descendant of its child JVM: killing
 * it means killing its postmaster (the pid in {@code postmaster.pid}) and every backend, as a crash of the machine
 * would; it recovers from its WAL at the next start. The other suite tests keep the in-process
 * {@code SharedDevStack}; only {@link Suite#startWithChildDevStack} uses this.
 */
final class ChildDevStack implements AutoCloseable {

    /** One of devstack's servers. */
    enum Piece {
        BROKER, SKAT_MQ, POSTGRES;

        String id() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private static final String READY = "devstack piece ready";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    final int amqpPort = FreePorts.next();
    final int corePort = FreePorts.next();
    final int skatPort = FreePorts.next();
    final int pgPort = FreePorts.next();

    private final Path data;
    private final Path logs;
    private final Map<Piece, Process> running = new EnumMap<>(Piece.class);
    private int restarts;

    private ChildDevStack(Path data, Path logs) {
        this.data = data;
        this.logs = logs;
    }

    /** Starts the three servers (in parallel) and waits until each says it is ready. */
    static ChildDevStack start(Path data, Path logs) throws IOException, InterruptedException {
        ChildDevStack stack = new ChildDevStack(data, logs);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::killAll, "kill-child-devstack"));
        try {
            Map<Piece, Path> started = new EnumMap<>(Piece.class);
            for (Piece piece : Piece.values()) {
                started.put(piece, stack.launch(piece, logs.resolve(piece.id() + ".log")));
            }
            for (var entry : started.entrySet()) {
                stack.awaitReady(entry.getKey(), entry.getValue());
            }
        } catch (IOException | RuntimeException e) {
            stack.killAll();
            throw e;
        }
        return stack;
    }

    /** The configuration that points a Quarkus service at these servers: {@link DevStack#quarkusConfig}'s keys. */
    Map<String, String> quarkusConfig(String databaseName) {
        Map<String, String> config = new TreeMap<>();
        config.put("amqp-host", "127.0.0.1");
        config.put("amqp-port", Integer.toString(amqpPort));
        config.put("suite.devstack.core-url", coreUrl());
        config.put("suite.devstack.skat-url", skatUrl());
        config.put("quarkus.artemis.\"" + DevStack.SKAT_CONNECTION + "\".url", skatUrl());
        config.put("quarkus.artemis.\"" + DevStack.SUITE_CONNECTION + "\".url", coreUrl());
        if (databaseName != null) {
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + databaseName);
            config.put("quarkus.datasource.username", databaseName);
            config.put("quarkus.datasource.password", databaseName);
        }
        return config;
    }

    /** The suite broker's core acceptor (queue counts, browsing). */
    String coreUrl() {
        return "tcp://127.0.0.1:" + corePort;
    }

    /** SKAT's MQ. */
    String skatUrl() {
        return "tcp://127.0.0.1:" + skatPort;
    }

    /** SIGKILL: the piece's JVM, and for PostgreSQL its postmaster and every backend first. */
    synchronized void kill(Piece piece) throws InterruptedException {
        if (piece == Piece.POSTGRES) {
            Optional<ProcessHandle> postmaster = postmaster();
            if (postmaster.isPresent()) {
                List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
                all.add(0, postmaster.get());
                all.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle p : all) {
                    p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join();
                }
            }
        }
        Process process = running.get(piece);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts a killed piece again on its port with its data (kills it first if it still runs) and waits until it
     * is ready. PostgreSQL may refuse to start while a killed backend still holds its shared memory: up to five
     * attempts, 2 s apart.
     */
    synchronized void restart(Piece piece) throws IOException, InterruptedException {
        kill(piece);
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            Path log = logs.resolve(piece.id() + "-restart" + ++restarts + ".log");
            try {
                awaitReady(piece, launch(piece, log));
                return;
            } catch (IllegalStateException e) {
                last = e;
                running.get(piece).destroyForcibly();
                Thread.sleep(2000);
            }
        }
        throw last;
    }

    private Path launch(Piece piece, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), ChildDevStack.class.getName(), piece.name(),
                data.resolve(piece.id()).toString()));
        switch (piece) {
            case BROKER -> command.addAll(List.of(Integer.toString(amqpPort), Integer.toString(corePort)));
            case SKAT_MQ -> command.add(Integer.toString(skatPort));
            case POSTGRES -> command.add(Integer.toString(pgPort));
        }
        Files.createDirectories(log.getParent());
        running.put(piece, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        return log;
    }

    private void awaitReady(Piece piece, Path log) throws IOException, InterruptedException {
        Process process = running.get(piece);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(piece.id() + " exited with " + process.exitValue()
                        + " while starting; see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(piece.id() + " not ready within " + READY_TIMEOUT + "; see " + log);
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            Path pidFile = data.resolve(Piece.POSTGRES.id()).resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private synchronized void killAll() {
        try {
            for (Piece piece : Piece.values()) {
                kill(piece);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM to each piece (PostgreSQL's JVM stops its server), after 30 s SIGKILL. */
    @Override
    public synchronized void close() throws InterruptedException {
        for (Process process : running.values()) {
            process.destroy();
        }
        for (Process process : running.values()) {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        killAll();
    }

    /**
     * One piece as a process: {@code PIECE DATA-DIR PORT [CORE-PORT]}; prints {@value #READY} when it accepts
     * connections and stops it on SIGTERM.
     */
    public static void main(String[] args) throws Exception {
        Piece piece = Piece.valueOf(args[0]);
        Path dir = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        Files.createDirectories(dir.getParent());
        AutoCloseable server = switch (piece) {
            case BROKER -> EmbeddedBroker.start(BrokerSettings.defaults(dir).withPorts(port, Integer.parseInt(args[3])));
            case SKAT_MQ -> SkatBroker.start(SkatBrokerSettings.defaults(dir).withPort(port));
            case POSTGRES -> EmbeddedDatabase.start(new DatabaseSettings(port, dir, true,
                    DatabaseSettings.SERVICE_DATABASES));
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println(piece.id() + ": stop failed: " + e);
            }
            stopped.countDown();
        }, "piece-stop"));
        System.out.println(READY + ": " + piece.id() + " on 127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
