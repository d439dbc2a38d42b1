package io.reportingsuite.suite;

import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.FreePorts;
import io.reportingsuite.devstack.test.ServiceProcess;
import io.reportingsuite.devstack.test.SharedDevStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The whole Reporting Suite for one test JVM: devstack in-process (both brokers and PostgreSQL, free ports,
 * throw-away data) and the packaged skat-simulator, ingest-service, forwarder-service and receipt-service
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}, prod profile) as child processes on free loopback
 * ports — the processes {@code ./suite up} starts, with its local-run options. Each process' output is kept
 * in {@code target/suite/logs/<service>.log}.
 *
 * <p>Everything a service is given is in its one method below ({@link #simulatorConfig()},
 * {@link #ingestConfig()}, {@link #forwarderConfig()}, {@link #receiptConfig()}); all else is the
 * service's own {@code application.properties}, including the case-system registry.
 *
 * <p>Tracing is on, as the chart's {@code otel.endpoint} switches it on: every service exports its spans by
 * OTLP/HTTP (protobuf) to {@link #otlp()}, a receiver inside the test JVM ({@link OtlpReceiver}).
 */
final class Suite implements AutoCloseable {

    /**
     * How long one service may take to report ready; four JVMs start at once on a shared 2-core machine.
     * {@code -Dsuite.ready-timeout-seconds} raises it for experiments on a loaded machine (a restarted ingest took
     * 197 s at a load average of 75).
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("suite.ready-timeout-seconds", 180));

    final int simulatorHttp = FreePorts.next();
    final int ingestHttp = FreePorts.next();
    final int forwarderHttp = FreePorts.next();
    final int receiptHttp = FreePorts.next();
    final int receiptSftp = FreePorts.next();
    final int ingestSftp = FreePorts.next();
    /** debt-service, started only by the tests that need it ({@link #startDebtService()}). */
    final int debtHttp = FreePorts.next();

    private final Path root;
    private final Path work;
    private final DevStack stack;
    private final List<ServiceProcess> processes = new ArrayList<>();
    /** What each service was launched with, so that {@link #restart} starts it the same way. */
    private final Map<String, Map<String, String>> launched = new TreeMap<>();
    /** The batch channel's demo senders ({@code scripts/batch-channel-material.sh}), empty if not generated. */
    private final Map<String, String> batchChannels = new TreeMap<>();
    private int restarts;
    /** Experiments' changes to what a service is given, by service name ({@link #startWith}); empty otherwise. */
    private final Map<String, Map<String, String>> overrides = new TreeMap<>();
    /** The second instances started by {@link #startSecondInstances}, by service name. */
    private final Map<String, Instance> secondInstances = new TreeMap<>();
    /** Where every service exports its spans; started before the services. */
    private OtlpReceiver otlp;
    /** devstack as child processes ({@link #startWithChildDevStack}); null when it runs in-process. */
    private ChildDevStack childStack;

    private Suite(Path root, Path work, DevStack stack) {
        this.root = root;
        this.work = work;
        this.stack = stack;
    }

    // ---------------------------------------------------------------------------------------------------
    // What each service is given (system properties). One place per service.
    // ---------------------------------------------------------------------------------------------------

    /** skat-simulator: SKAT's MQ and its HTTP port; answers after its default 2 s delay, as in a local run. */
    private Map<String, String> simulatorConfig() {
        return localRun(null, simulatorHttp);
    }

    /**
     * ingest-service: broker, its database, HTTP Basic for the case systems (the registry's local-run
     * credentials {@code ky}/{@code ky-secret}, {@code ksd}/{@code ksd-secret} from
     * the local registry {@code suite.case-systems.*} of profile {@code local}), and the seed's literal resend behaviour:
     * a known HovedIndberetningID with other content is forwarded and SKAT rejects it (issue 8 point 4).
     */
    private Map<String, String> ingestConfig() {
        Map<String, String> config = localRun("ingest", ingestHttp);
        config.put("ingest.basic-auth-enabled", "true");
        config.put("ingest.conflicting-resend", "FORWARD");
        config.put("ingest.public-base-url", ingestUrl());
        // The Styret SFTP server (EP_FS2) on a free port, its areas and keys under the harness' directory.
        config.put("ingest.data-dir", ingestData().toString());
        config.put("ingest.styret-sftp.port", Integer.toString(ingestSftp));
        // The registry's local kvittering endpoints name 8083; here it is this receipt's recording stub.
        for (String system : List.of("KY", "KSD")) {
            config.put("suite.case-systems." + system + ".kvittering-endpoint",
                    "http://127.0.0.1:" + receiptHttp + "/soap/kvittering");
        }
        // The packaged jar runs the prod profile, which refuses to store payloads without a key.
        config.put("ingest.payload-encryption.current-key", "suite-tests");
        config.put("ingest.payload-encryption.keys.suite-tests", "c3VpdGUtdGVzdHMta2V5LW5vdC1mb3ItcHJvZC0wMDA=");
        // The batch channel (issue 12) with the demo senders ./suite up registers, on a port ingest picks itself
        // (port 0: no window for another process to take it; batchSftpPort() reads the one bound).
        config.put("ingest.batch-channel.port", "0");
        config.putAll(batchChannels);
        return config;
    }

    /** debt-service: broker and its database; its local users (inspector, ledger, auditor) are profile local's. */
    private Map<String, String> debtConfig() {
        return localRun("debt", debtHttp);
    }

    /** forwarder-service: the suite broker and SKAT's MQ. */
    private Map<String, String> forwarderConfig() {
        return localRun(null, forwarderHttp);
    }

    /**
     * receipt-service: broker, its database, its data directory under target/, and the SFTP port. The case
     * systems (SFTP users, notification endpoints = its own recording stub at {@code quarkus.http.port}) are
     * the local registry ({@code suite.case-systems.*}, profile {@code local}); their SFTP keys are the
     * dev key pairs it generates on first start in {@code <data-dir>/sftp-keys/<USER>}, which the test
     * logs in with.
     */
    private Map<String, String> receiptConfig() {
        Map<String, String> config = localRun("receipt", receiptHttp);
        config.put("receipt.data-dir", receiptData().toString());
        config.put("receipt.sftp.port", Integer.toString(receiptSftp));
        config.put("receipt.sftp.generate-dev-keys", "true");
        config.put("receipt.case-system-stub.enabled", "true");
        // The registry's local notification endpoints name 8083; here the stub is on this receipt's own port.
        for (String system : List.of("KY", "KSD")) {
            config.put("suite.case-systems." + system + ".notification-endpoint",
                    "http://127.0.0.1:" + receiptHttp + "/soap/casesystem");
        }
        return config;
    }

    /**
     * What every service gets: devstack's addresses (and its database, when it has one), its HTTP port on
     * the loopback interface only, readable logs. The connection-acquisition timeout is raised from 5 s
     * because four JVMs start at once on a build machine that other builds share.
     */
    private Map<String, String> localRun(String database, int httpPort) {
        Map<String, String> config = new TreeMap<>(childStack != null ? childStack.quarkusConfig(database)
                : stack.quarkusConfig(database));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.http.port", Integer.toString(httpPort));
        config.put("quarkus.log.console.json.enabled", "false");
        // As ./suite runs them: the prod profile plus the local case-system registry (profile "local").
        config.put("quarkus.profile", "prod,local");
        // The batch channel's platform signing key: the same two files for every service, as ./suite up does.
        config.put("suite.platform-signing.key", platformSigningKey().toString());
        config.put("suite.platform-signing.certificate", platformCertificate().toString());
        // Tracing on, exported to the test JVM's receiver; batches every 200 ms so a test need not wait long.
        config.put("quarkus.otel.sdk.disabled", "false");
        config.put("quarkus.otel.exporter.otlp.endpoint", otlp.endpoint());
        config.put("quarkus.otel.exporter.otlp.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "200ms");
        if (database != null) {
            config.put("quarkus.datasource.jdbc.acquisition-timeout", "PT60S");
        }
        return config;
    }

    // ---------------------------------------------------------------------------------------------------

    /**
     * Starts devstack and the four services and waits until every service answers {@code /q/health/ready}.
     * If one does not, every process started so far is killed and the failure names the log to read.
     */
    static Suite start() throws IOException, InterruptedException {
        Path work = Path.of(System.getProperty("suite.work", "target/suite"));
        return start(work, false, Map.of());
    }

    /**
     * The suite with devstack as child processes ({@link ChildDevStack}: the broker, SKAT's MQ and PostgreSQL each a
     * JVM of its own, so that {@link #killDevstack} can SIGKILL one), for issue 14's experiments; work directory
     * {@code <suite.work>-<name>}. {@code extra} adds to (or overrides) a service's configuration, by service name.
     * Otherwise as {@link #start()}.
     */
    static Suite startWithChildDevStack(String name, Map<String, Map<String, String>> extra)
            throws IOException, InterruptedException {
        return start(Path.of(System.getProperty("suite.work", "target/suite") + "-" + name), true, extra);
    }

    /**
     * As {@link #start()}, with {@code overrides} (service name → properties) applied over what each service's
     * config method gives it, for every instance of it started later too (experiments: faster crons, a larger
     * ledger, tracing off), in its own {@code work} folder (emptied first), so that it never shares data, logs
     * or keys with the suite of {@link RunningSuite} in the same test JVM.
     */
    static Suite startWith(Path work, Map<String, Map<String, String>> overrides)
            throws IOException, InterruptedException {
        return start(work, false, overrides);
    }

    private static Suite start(Path work, boolean childDevStack, Map<String, Map<String, String>> overrides)
            throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        work = work.toAbsolutePath().normalize();
        deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        Suite suite = new Suite(root, work, childDevStack ? null : SharedDevStack.get());
        if (childDevStack) {
            suite.childStack = ChildDevStack.start(work.resolve("devstack"), work.resolve("logs"));
        }
        suite.overrides.putAll(overrides);
        suite.generateBatchChannelMaterial();
        suite.otlp = OtlpReceiver.start();
        try {
            // Started together (the start order of ./suite up), then each awaited: the JVMs start in parallel.
            suite.launch("skat-simulator", suite.overridden("skat-simulator", suite.simulatorConfig()));
            suite.launch("ingest-service", suite.overridden("ingest-service", suite.ingestConfig()));
            suite.launch("forwarder-service", suite.overridden("forwarder-service", suite.forwarderConfig()));
            suite.launch("receipt-service", suite.overridden("receipt-service", suite.receiptConfig()));
            int[] ports = {suite.simulatorHttp, suite.ingestHttp, suite.forwarderHttp, suite.receiptHttp};
            for (int i = 0; i < ports.length; i++) {
                suite.processes.get(i).awaitReady(ports[i], READY_TIMEOUT);
            }
        } catch (IOException | RuntimeException e) {
            suite.kill();
            if (suite.childStack != null) {
                suite.childStack.close();
            }
            throw e;
        }
        return suite;
    }

    /** SIGKILL of one of devstack's servers (only with {@link #startWithChildDevStack}); down until restarted. */
    void killDevstack(ChildDevStack.Piece piece) throws InterruptedException {
        childStack.kill(piece);
    }

    /** Starts a killed devstack server again on its port with its data and waits until it is ready. */
    void restartDevstack(ChildDevStack.Piece piece) throws IOException, InterruptedException {
        childStack.restart(piece);
    }

    /** devstack as child processes, or null when it runs in-process ({@link #stack()}). */
    ChildDevStack childDevStack() {
        return childStack;
    }

    /** The log files of every run of {@code service} so far: {@code <service>.log}, {@code <service>-restart<n>.log}. */
    List<Path> logsOf(String service) throws IOException {
        try (Stream<Path> files = Files.list(logs())) {
            return files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(service)
                    + "(-restart\\d+)?\\.log")).sorted().toList();
        }
    }

    private Map<String, String> overridden(String service, Map<String, String> config) {
        config.putAll(overrides.getOrDefault(service, Map.of()));
        return config;
    }

    /**
     * A second instance of a service, as a Kubernetes replica is one: its own HTTP port (and SFTP port), the same
     * broker, database and data directory as the first.
     *
     * @param sftp the second instance's SFTP port (ingest: Styret SFTP, receipt: return files), else 0
     */
    record Instance(String name, int http, int sftp) {
        String url() {
            return "http://127.0.0.1:" + http;
        }
    }

    /**
     * Starts a second instance of each of {@code services} (all at once, then each awaited ready), with what the
     * first was given except its ports: the same broker, database and data directory — for ingest and receipt the
     * folder the chart puts on a ReadWriteMany volume when they scale (k8s/README.md, Scaling). Notifications,
     * kvitteringer and retention warnings of both instances go where the first's go (receipt's recording stub on
     * the first receipt). Its process is {@code <service>-2}, its log {@code <service>-2.log}. skat-simulator is
     * refused, as the chart refuses its replicas: it keeps what it received in memory.
     */
    synchronized List<Instance> startSecondInstances(String... services) throws IOException {
        List<Instance> started = new ArrayList<>();
        List<ServiceProcess> starting = new ArrayList<>();
        for (String service : services) {
            if (service.equals("skat-simulator")) {
                throw new IllegalArgumentException("skat-simulator keeps what it received in memory: one instance");
            }
            if (!launched.containsKey(service) || secondInstances.containsKey(service)) {
                throw new IllegalStateException(service + " is not running alone");
            }
            Map<String, String> config = new TreeMap<>(launched.get(service));
            int http = FreePorts.next();
            int sftp = 0;
            config.put("quarkus.http.port", Integer.toString(http));
            if (service.equals("ingest-service")) {
                sftp = FreePorts.next();
                config.put("ingest.styret-sftp.port", Integer.toString(sftp));
            } else if (service.equals("receipt-service")) {
                sftp = FreePorts.next();
                config.put("receipt.sftp.port", Integer.toString(sftp));
            }
            Instance instance = new Instance(service + "-2", http, sftp);
            launched.put(instance.name(), Map.copyOf(config));
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            ServiceProcess process = ServiceProcess.start(instance.name(), jar, "256m", config,
                    logs().resolve(instance.name() + ".log"));
            processes.add(process);
            starting.add(process);
            secondInstances.put(service, instance);
            started.add(instance);
        }
        for (int i = 0; i < started.size(); i++) {
            starting.get(i).awaitReady(started.get(i).http(), READY_TIMEOUT);
        }
        return started;
    }

    /** The second instance of {@code service} ({@link #startSecondInstances}). */
    Instance secondInstance(String service) {
        Instance instance = secondInstances.get(service);
        if (instance == null) {
            throw new IllegalStateException("no second instance of " + service);
        }
        return instance;
    }

    private void launch(String service, Map<String, String> config) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        launched.put(service, Map.copyOf(config));
        processes.add(ServiceProcess.start(service, jar, "256m", config, logs().resolve(service + ".log")));
    }

    /**
     * The batch channel's four demo senders as {@code ./suite up} makes them: SSH key pairs and signing
     * certificates from {@code scripts/batch-channel-material.sh} under {@code <work>/batch-channel}, and their
     * {@code ingest.batch-channel.channels.*} for ingest. Without ssh-keygen or openssl the channels stay
     * unconfigured (the batch-channel test then fails with the script's message in {@code logs/}).
     */
    private void generateBatchChannelMaterial() throws IOException, InterruptedException {
        Path log = logs().resolve("batch-channel-material.log");
        Process process = new ProcessBuilder("bash", root.resolve("scripts/batch-channel-material.sh").toString(),
                batchChannelMaterial().toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            return;
        }
        for (String line : Files.readAllLines(batchChannelMaterial().resolve("channels.properties"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                batchChannels.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    /**
     * Starts debt-service (once; later calls return at once) and waits until it is ready. Only the tests that
     * need it pay for a fifth JVM.
     */
    synchronized void startDebtService() throws IOException {
        if (launched.containsKey("debt-service")) {
            return;
        }
        launch("debt-service", debtConfig());
        processes.get(processes.size() - 1).awaitReady(debtHttp, READY_TIMEOUT);
    }

    /** As {@link #startDebtService()}, with the overrides of {@link #startWith} for debt-service. */
    synchronized void startDebtServiceWithOverrides() throws IOException {
        if (launched.containsKey("debt-service")) {
            return;
        }
        launch("debt-service", overridden("debt-service", debtConfig()));
        processes.get(processes.size() - 1).awaitReady(debtHttp, READY_TIMEOUT);
    }

    /**
     * Kills {@code service} with SIGKILL (nothing settled, nothing in flight committed) and starts it again with
     * the same configuration; returns once it is ready. The new run logs to {@code <service>-restart<n>.log}.
     */
    synchronized void restart(String service) throws IOException, InterruptedException {
        ServiceProcess old = process(service);
        old.kill();
        int run = ++restarts;
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess started = ServiceProcess.start(service, jar, "256m", launched.get(service),
                logs().resolve(service + "-restart" + run + ".log"));
        processes.set(processes.indexOf(old), started);
        int port = Integer.parseInt(launched.get(service).get("quarkus.http.port"));
        started.awaitReady(port, READY_TIMEOUT);
    }

    /** Kills {@code service} with SIGKILL and leaves it down until {@link #restart} starts it again. */
    synchronized void kill(String service) throws InterruptedException {
        process(service).kill();
    }

    /**
     * The port ingest's batch-channel SFTP server bound, as its connection file
     * {@code <data-dir>/batch-sftp-users.txt} ({@code USER SENDER QUALITY HOST PORT KEY}) says; it changes when
     * ingest is restarted.
     */
    int batchSftpPort() throws IOException {
        for (String line : Files.readAllLines(ingestData().resolve("batch-sftp-users.txt"))) {
            String[] fields = line.trim().split("\\s+");
            if (!line.startsWith("#") && fields.length >= 5) {
                return Integer.parseInt(fields[4]);
            }
        }
        throw new IllegalStateException("no channel in " + ingestData().resolve("batch-sftp-users.txt"));
    }

    String debtUrl() {
        return "http://127.0.0.1:" + debtHttp;
    }

    /** The folder of the batch channel's demo senders: {@code <USER>/channel.env}, keys, certificates. */
    Path batchChannelMaterial() {
        return work.resolve("batch-channel");
    }

    /** The batch channel's folders of {@code user} (its SFTP chroot: IN, INTEST, OUT, OUTTEST). */
    Path batchChannelHome(String user) {
        return ingestData().resolve("batch").resolve(user);
    }

    Path platformSigningKey() {
        return work.resolve("platform-signing/platform-key.pem");
    }

    /** The certificate of the platform's signing key (ACRF and answer FS files verify against it). */
    Path platformCertificate() {
        return work.resolve("platform-signing/platform-certificate.pem");
    }

    /** The in-process devstack (broker queues, e.g. {@code batch.fla}). */
    DevStack stack() {
        return stack;
    }

    Path root() {
        return root;
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestHttp;
    }

    String forwarderUrl() {
        return "http://127.0.0.1:" + forwarderHttp;
    }

    /** The spans every service exported so far. */
    OtlpReceiver otlp() {
        return otlp;
    }

    String simulatorUrl() {
        return "http://127.0.0.1:" + simulatorHttp;
    }

    String receiptUrl() {
        return "http://127.0.0.1:" + receiptHttp;
    }

    /** ingest-service's data directory: Styret SFTP areas, host key, generated dev keys. */
    Path ingestData() {
        return work.resolve("ingest");
    }

    /** receipt-service's data directory: SFTP areas, host key, generated dev keys. */
    Path receiptData() {
        return work.resolve("receipt");
    }

    Path logs() {
        return work.resolve("logs");
    }

    Path sample(String name) {
        return root.resolve("samples/eindkomst").resolve(name);
    }

    /** The (current) process of {@code service}, e.g. to check it is still alive after a test. */
    ServiceProcess process(String service) {
        return processes.stream().filter(p -> p.name().equals(service)).reduce((a, b) -> b).orElseThrow();
    }

    private void kill() throws InterruptedException {
        for (ServiceProcess process : processes) {
            process.kill();
        }
        otlp.close();
    }

    /** SIGTERM to every service (in parallel, the reverse of the start order), killed after 60 s each. */
    @Override
    public void close() throws Exception {
        List<Thread> stopping = new ArrayList<>();
        List<ServiceProcess> reverse = new ArrayList<>(processes);
        Collections.reverse(reverse);
        for (ServiceProcess process : reverse) {
            Thread stop = new Thread(() -> {
                try {
                    process.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-" + process.name());
            stop.start();
            stopping.add(stop);
        }
        for (Thread stop : stopping) {
            stop.join();
        }
        otlp.close();
        if (childStack != null) {
            childStack.close();
        }
        // Otherwise devstack is SharedDevStack's: it stops when the JVM exits.
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
