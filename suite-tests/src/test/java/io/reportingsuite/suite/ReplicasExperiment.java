package io.reportingsuite.suite;

import static io.reportingsuite.suite.CaseSystem.KSD;
import static io.reportingsuite.suite.CaseSystem.KY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, "Two of everything": two instances of ingest-service, forwarder-service, receipt-service and
 * debt-service (own ports; the same broker, databases and — for ingest and receipt, as the chart's ReadWriteMany
 * volume does — the same data directory) under one load, and the exactly-once promises checked from outside:
 * <ul>
 * <li>{@code reliability.forsendelser} (default 2,000) forsendelser, KY and KSD, SOAP and REST, spread evenly over
 * both ingest instances, and {@code reliability.sftp-uploads} Styret SFTP uploads (EP_FS2) to both ingest SFTP
 * servers, notified by a trigger file or by SOAP {@code NotifyUpload} at the <em>other</em> instance;</li>
 * <li>each accepted forsendelse at SKAT once and byte-identical; one sumkvittering per forsendelse in its own
 * system's folder, nothing else of it there or in the other folder, no {@code .part} left, every file a whole
 * sumkvittering, and both receipt SFTP servers listing the same files; one notification per return file; one
 * kvittering per SFTP upload; every skattekort card once on its Beskedfordeler address (distinct BeskedId) or in
 * quarantine; nothing in a dead-letter queue;</li>
 * <li>retention: both ingest and both receipt instances run it every 10 s against aged files placed in the shared
 * folders; each due file is warned about once (HTTP warning port, recorded here), each expired file deleted;</li>
 * <li>debt: {@code reliability.debt-batches} REST batches submitted alternately to both debt instances and read
 * from the other: every item answered once, in one group, one audit row per item, items done summed over both
 * instances = items.</li>
 * </ul>
 * The counts go to stdout and to {@code target/reliability/replicas.md}. skat-simulator runs once (it keeps what
 * it received in memory; the chart refuses its replicas). Run: {@code mvn -B -Preliability -pl suite-tests -am
 * verify -DskipTests -Dit.test=ReplicasExperiment}.
 */
class ReplicasExperiment {

    private static final int FORSENDELSER = Integer.getInteger("reliability.forsendelser", 2_000);
    private static final int SFTP_UPLOADS = Integer.getInteger("reliability.sftp-uploads",
            Math.max(8, FORSENDELSER / 100));
    private static final int DEBT_BATCHES = Integer.getInteger("reliability.debt-batches", 4);
    private static final int DEBT_ITEMS = Integer.getInteger("reliability.debt-items", 1_500);
    /** Parallel callers of the load. */
    private static final int CLIENTS = 8;
    /** Aged files per folder: due for a warning (24 days old) and past retention (33 days old). */
    private static final int AGED = 5;
    private static final int LEDGER_EMPLOYERS = 24;
    private static final Duration FLOW = Duration.ofSeconds(300 + FORSENDELSER / 4);
    /** Longer than receipt's 2 s notification poll and the 10 s retention period: time for a duplicate to show. */
    private static final Duration SETTLE = Duration.ofSeconds(25);
    private static final Pattern STATUS = Pattern.compile("<(?:[\\w-]+:)?Status>([^<]*)</");
    private static final String SFTP_NAMESPACE = "http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types";
    /** 2101 records (skattekort requests) in each system's sample: one card each. */
    private static final Map<CaseSystem, Integer> CARDS = Map.of(KY, 2, KSD, 1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** A forsendelse this experiment sent: how, to which instance, and what ingest answered. */
    private record Sent(String id, CaseSystem system, String channel, int instance, String sha256, String answer,
                        boolean accepted) {
    }

    @Test
    void twoInstancesOfEachServiceDoEverythingOnce() throws Exception {
        Path work = Path.of(System.getProperty("suite.work", "target/suite") + "-replicas").toAbsolutePath();
        Path report = work.getParent().resolve("reliability").resolve("replicas.md");
        Instant began = Instant.now();
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        try (WarningRecorder warnings = WarningRecorder.start();
                Suite suite = Suite.startWith(work, overrides(warnings))) {
            simulatorUrl = suite.simulatorUrl();
            receiptUrl = suite.receiptUrl();
            suite.startDebtServiceWithOverrides();
            suite.startSecondInstances("ingest-service", "forwarder-service", "receipt-service", "debt-service");
            info("start of 9 JVMs (s)", Long.toString(Duration.between(began, Instant.now()).toSeconds()));
            Map<String, List<String>> aged = placeAgedFiles(suite);
            DebtRun debtRun = submitDebtBatches(suite);

            // The load: SOAP and REST over both ingest instances, SFTP uploads to both at the same time.
            ExecutorService sftp = Executors.newSingleThreadExecutor();
            Future<List<Sent>> uploads = sftp.submit(() -> sftpUploads(suite));
            Instant loadStart = Instant.now();
            List<Sent> sent = submit(suite);
            double seconds = Duration.between(loadStart, Instant.now()).toMillis() / 1000.0;
            List<Sent> uploaded = uploads.get(FLOW.toSeconds(), TimeUnit.SECONDS);
            sftp.shutdown();
            info("submission rate (SOAP+REST, /s)", "%.1f".formatted(sent.size() / seconds));
            List<Sent> accepted = Stream.concat(sent.stream(), uploaded.stream()).filter(Sent::accepted).toList();
            check("SOAP+REST accepted", FORSENDELSER, sent.stream().filter(Sent::accepted).count());
            check("SFTP uploads accepted (kvittering-bound)", SFTP_UPLOADS,
                    uploaded.stream().filter(Sent::accepted).count());
            refusals(sent, uploaded);

            skat(accepted);
            List<String> returnFiles = returnFiles(suite, accepted);
            notifications(suite, accepted, returnFiles);
            kvitteringer(suite, uploaded);
            skattekort(suite, accepted);
            deadLetters(suite);
            perInstance(suite);
            debt(suite, debtRun);
            retention(suite, warnings, aged);
        } finally {
            write(report, began, load);
        }
        assertThat(failures).as("exactly-once checks (table in " + report + ")").isEmpty();
    }

    // -------------------------------------------------------------------------------------------------------
    // Set-up
    // -------------------------------------------------------------------------------------------------------

    private static Map<String, Map<String, String>> overrides(WarningRecorder warnings) {
        Map<String, Map<String, String>> overrides = new TreeMap<>();
        for (String service : List.of("skat-simulator", "ingest-service", "forwarder-service", "receipt-service",
                "debt-service")) {
            Map<String, String> config = new TreeMap<>();
            // 9 JVMs on a shared 2-core machine: no span export (SuiteTraceIT proves tracing).
            config.put("quarkus.otel.sdk.disabled", "true");
            overrides.put(service, config);
        }
        // GET /received must list every forsendelse of the run.
        overrides.get("skat-simulator").put("simulator.ledger-size",
                Integer.toString(FORSENDELSER + SFTP_UPLOADS + 1_000));
        // Retention every 10 s in every instance (ingest 5 s after receipt), warnings by HTTP to this test.
        overrides.get("receipt-service").put("receipt.retention.cron", "0/10 * * * * ?");
        overrides.get("ingest-service").put("ingest.retention.cron", "5/10 * * * * ?");
        for (String service : List.of("receipt", "ingest")) {
            for (CaseSystem system : CaseSystem.values()) {
                Map<String, String> config = overrides.get(service + "-service");
                config.put("suite.case-systems." + system + ".retention-warning-channel", "HTTP");
                config.put("suite.case-systems." + system + ".retention-warning-url", warnings.url(service));
            }
        }
        return overrides;
    }

    /**
     * {@value #AGED} files due for a warning and {@value #AGED} past retention in each system's receipt folder and
     * ingest upload area (shared by both instances of the service); their names by {@code <service>/<system>/due}
     * and {@code .../expired}.
     */
    private static Map<String, List<String>> placeAgedFiles(Suite suite) throws IOException {
        Instant now = Instant.now();
        Map<String, List<String>> names = new TreeMap<>();
        for (CaseSystem system : CaseSystem.values()) {
            Map<String, Path> folders = Map.of("receipt", suite.receiptData().resolve("sftp").resolve(system.sftpUser),
                    "ingest", suite.ingestData().resolve("styret").resolve(system.sftpUser));
            for (Map.Entry<String, Path> folder : folders.entrySet()) {
                Files.createDirectories(folder.getValue());
                for (String kind : List.of("due", "expired")) {
                    int days = kind.equals("due") ? 24 : 33;
                    List<String> files = names.computeIfAbsent(folder.getKey() + "/" + system + "/" + kind,
                            k -> new ArrayList<>());
                    for (int i = 0; i < AGED; i++) {
                        String name = "aged-" + kind + "-" + i + ".dat";
                        Path file = Files.writeString(folder.getValue().resolve(name), "aged " + i);
                        Files.setLastModifiedTime(file, FileTime.from(now.minus(Duration.ofDays(days))));
                        files.add(name);
                    }
                }
            }
        }
        return names;
    }

    // -------------------------------------------------------------------------------------------------------
    // The load
    // -------------------------------------------------------------------------------------------------------

    /** Forsendelse i: KY/KSD alternating, SOAP/REST every second pair, ingest 1/2 every fourth. */
    private List<Sent> submit(Suite suite) throws Exception {
        String[] ingest = {suite.ingestUrl(), suite.secondInstance("ingest-service").url()};
        Map<CaseSystem, byte[]> samples = new HashMap<>();
        for (CaseSystem system : CaseSystem.values()) {
            samples.put(system, Files.readAllBytes(suite.sample(system.sample)));
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Sent>> futures = new ArrayList<>();
            for (int i = 0; i < FORSENDELSER; i++) {
                CaseSystem system = i % 2 == 0 ? KY : KSD;
                String channel = (i / 2) % 2 == 0 ? "SOAP" : "REST";
                int instance = (i / 4) % 2;
                futures.add(clients.submit(() -> {
                    String id = Forsendelser.newId(system);
                    byte[] file = Forsendelser.sample(suite, system, id);
                    String answer;
                    try {
                        answer = channel.equals("SOAP") ? soap(ingest[instance], system, id, file)
                                : rest(ingest[instance], system, id, file);
                    } catch (IOException e) {
                        answer = "error " + e.getClass().getSimpleName();
                    }
                    boolean ok = answer.equals("ACCEPTED") || answer.equals("202");
                    return new Sent(id, system, channel, instance + 1, Forsendelser.sha256(file), answer, ok);
                }));
            }
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> future : futures) {
                sent.add(future.get(FLOW.toSeconds(), TimeUnit.SECONDS));
            }
            return sent;
        } finally {
            clients.shutdownNow();
        }
    }

    private String soap(String ingest, CaseSystem system, String id, byte[] file)
            throws IOException, InterruptedException {
        String envelope = SuiteApi.soapEnvelope(id, file);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest + "/soap/SkatIndberetning"))
                .header("Authorization", basic(system)).header("Content-Type", "text/xml; charset=UTF-8")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher status = STATUS.matcher(response.body());
        return response.statusCode() == 200 && status.find() ? status.group(1) : "HTTP " + response.statusCode();
    }

    private String rest(String ingest, CaseSystem system, String id, byte[] file)
            throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/indberetninger"))
                .header("Authorization", basic(system)).header("Content-Type", "text/plain; charset=ISO-8859-1")
                .header("HovedIndberetningID", id).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.discarding());
        return Integer.toString(response.statusCode());
    }

    private static String basic(CaseSystem system) {
        return "Basic " + Base64.getEncoder().encodeToString((system.username + ":" + system.password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Upload j: KY/KSD alternating, to ingest 1/2 every second pair, notified by trigger file (same server) or by
     * SOAP NotifyUpload at the other ingest instance every fourth. Accepted = trigger upload closed without
     * failure, or NotifyUpload answered MOVED.
     */
    private List<Sent> sftpUploads(Suite suite) throws Exception {
        int[] ports = {suite.ingestSftp, suite.secondInstance("ingest-service").sftp()};
        String[] urls = {suite.ingestUrl(), suite.secondInstance("ingest-service").url()};
        Path uploads = Files.createDirectories(suite.ingestData().resolve("uploads"));
        List<Sent> sent = new ArrayList<>();
        for (int j = 0; j < SFTP_UPLOADS; j++) {
            CaseSystem system = j % 2 == 0 ? KY : KSD;
            int instance = (j / 2) % 2;
            boolean bySoap = (j / 4) % 2 == 1;
            String id = Forsendelser.newId(system);
            byte[] bytes = Forsendelser.sample(suite, system, id);
            String name = system + "-" + id + ".txt";
            Path file = Files.write(uploads.resolve(name), bytes);
            String trigger = trigger(system, name, bytes.length, id);
            String answer;
            if (bySoap) {
                OpenSshSftp.Result upload = OpenSshSftp.batch(suite, system, "put " + file + " " + name + "\n",
                        ports[instance]);
                answer = upload.exit() != 0 ? "sftp exit " + upload.exit()
                        : notifyUpload(urls[1 - instance], system, trigger);
            } else {
                Path triggerFile = Files.writeString(uploads.resolve(name + ".trigger"),
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + trigger + "\n");
                OpenSshSftp.Result upload = OpenSshSftp.batch(suite, system, "put " + file + " " + name + "\nput "
                        + triggerFile + " " + name + ".trigger\n", ports[instance]);
                answer = upload.exit() == 0 ? "TRIGGERED" : "sftp exit " + upload.exit();
            }
            boolean ok = answer.equals("MOVED") || answer.equals("TRIGGERED");
            sent.add(new Sent(id, system, bySoap ? "SFTP+NotifyUpload@other" : "SFTP+trigger", instance + 1,
                    Forsendelser.sha256(bytes), answer, ok));
        }
        return sent;
    }

    private String notifyUpload(String ingest, CaseSystem system, String trigger)
            throws IOException, InterruptedException {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body>" + trigger + "</soapenv:Body></soapenv:Envelope>";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest + "/soap/StyretNotification"))
                .header("Authorization", basic(system)).header("Content-Type", "text/xml; charset=UTF-8")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher status = STATUS.matcher(response.body());
        return response.statusCode() == 200 && status.find() ? status.group(1) : "HTTP " + response.statusCode();
    }

    private static String trigger(CaseSystem system, String fileName, long size, String id) {
        return """
                <t:Trigger xmlns:t="%s"><t:FileContentDescriptor><t:FilType>SkatIndberet</t:FilType>\
                <t:SF>770B</t:SF></t:FileContentDescriptor><t:Routinginformation><t:FileName>%s</t:FileName>\
                <t:SizeInBytes>%d</t:SizeInBytes><t:Sender>%s</t:Sender><t:SendersFileId>%s</t:SendersFileId>\
                <t:Recipients>SP_STYRETSFTP_SKAT_IndkomstIndberet</t:Recipients></t:Routinginformation></t:Trigger>"""
                .formatted(SFTP_NAMESPACE, fileName, size, system.sftpUser, id);
    }

    private void refusals(List<Sent> sent, List<Sent> uploaded) {
        Map<String, Long> answers = Stream.concat(sent.stream(), uploaded.stream()).filter(s -> !s.accepted())
                .collect(Collectors.groupingBy(s -> s.channel() + " " + s.answer(), TreeMap::new,
                        Collectors.counting()));
        info("refused or failed submissions", answers.isEmpty() ? "none" : answers.toString());
        Map<String, Long> split = Stream.concat(sent.stream(), uploaded.stream()).filter(Sent::accepted)
                .collect(Collectors.groupingBy(s -> s.channel() + "@ingest-" + s.instance(), TreeMap::new,
                        Collectors.counting()));
        info("accepted by channel and instance", split.toString());
    }

    // -------------------------------------------------------------------------------------------------------
    // The checks
    // -------------------------------------------------------------------------------------------------------

    /** Every accepted forsendelse at SKAT once, byte-identical, never answered as a duplicate. */
    private void skat(List<Sent> accepted) throws InterruptedException {
        Map<String, Sent> byId = byId(accepted);
        List<Map<String, Object>> received = awaitAll("forsendelser at SKAT", () -> simulatorReceived(),
                list -> list.stream().map(r -> (String) r.get("hovedIndberetningId")).collect(Collectors.toSet())
                        .containsAll(byId.keySet()));
        Thread.sleep(SETTLE.toMillis());
        received = simulatorReceived();
        Map<String, List<Map<String, Object>>> copies = received.stream()
                .filter(r -> byId.containsKey((String) r.get("hovedIndberetningId")))
                .collect(Collectors.groupingBy(r -> (String) r.get("hovedIndberetningId")));
        check("accepted forsendelser at SKAT", byId.size(), copies.size());
        check("forsendelser at SKAT more than once", 0, copies.values().stream().filter(c -> c.size() > 1).count());
        check("copies answered as duplicate by SKAT", 0, copies.values().stream().flatMap(List::stream)
                .filter(r -> Boolean.TRUE.equals(r.get("duplicate"))).count());
        check("copies at SKAT with other bytes (SHA-256)", 0, copies.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> !byId.get(e.getKey()).sha256().equals(r.get("sha256"))))
                .count());
    }

    private List<Map<String, Object>> simulatorReceived() {
        return given().get(simulatorUrl + "/api/v1/admin/received").then().statusCode(200).extract().jsonPath()
                .getList("received");
    }

    private String simulatorUrl;
    private String receiptUrl;

    /**
     * One sumkvittering per forsendelse in its own system's folder (status M, its id, whole), nothing else for it in
     * either folder, no {@code .part}; both receipt SFTP servers list the same files. Returns the file names.
     */
    private List<String> returnFiles(Suite suite, List<Sent> accepted) throws Exception {
        Map<CaseSystem, Path> folders = new LinkedHashMap<>();
        for (CaseSystem system : CaseSystem.values()) {
            folders.put(system, suite.receiptData().resolve("sftp").resolve(system.sftpUser));
        }
        Map<String, Sent> byId = byId(accepted);
        awaitAll("sumkvitteringer", () -> ids(folders.values(), "_SUMKVIT_"), ids -> ids.containsAll(byId.keySet()));
        Thread.sleep(SETTLE.toMillis());
        long own = 0;
        long whole = 0;
        long foreign = 0;
        long extra = 0;
        List<String> names = new ArrayList<>();
        Map<CaseSystem, Set<String>> listed = new LinkedHashMap<>();
        for (Map.Entry<CaseSystem, Path> folder : folders.entrySet()) {
            List<String> files = list(folder.getValue());
            listed.put(folder.getKey(), new HashSet<>(files));
            for (String name : files) {
                String id = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
                Sent sent = byId.get(id);
                if (sent == null) {
                    continue; // aged files of the retention check
                }
                if (sent.system() != folder.getKey()) {
                    foreign++;
                } else if (name.startsWith(id + "_SUMKVIT_")) {
                    own++;
                    names.add(name);
                    Sumkvittering s = Sumkvittering.parse(Files.readAllBytes(folder.getValue().resolve(name)));
                    if (s.start().hovedIndberetningId().equals(id) && s.start().status() == 'M') {
                        whole++;
                    }
                } else {
                    extra++;
                }
            }
        }
        check("sumkvitteringer in the own folder", byId.size(), own);
        check("  of them whole, own id, status M", byId.size(), whole);
        check("files of a forsendelse in the other system's folder", 0, foreign);
        check("other files of a forsendelse (fejladvisering, second copy)", 0, extra);
        check(".part files left in the folders", 0, folders.values().stream()
                .mapToLong(f -> list(f).stream().filter(n -> n.endsWith(".part")).count()).sum());
        int[] sftpPorts = {suite.receiptSftp, suite.secondInstance("receipt-service").sftp()};
        for (int i = 0; i < sftpPorts.length; i++) {
            long differing = 0;
            for (CaseSystem system : CaseSystem.values()) {
                try (CaseSystemSftp sftp = new CaseSystemSftp(suite, system.sftpUser, sftpPorts[i])) {
                    Set<String> served = new HashSet<>(sftp.list());
                    Set<String> expected = new HashSet<>(listed.get(system));
                    expected.removeIf(n -> n.startsWith("aged-") || n.endsWith(".part"));
                    served.removeIf(n -> n.startsWith("aged-"));
                    differing += symmetricDifference(expected, served);
                }
            }
            check("files listed differently by receipt-" + (i + 1) + "'s SFTP server", 0, differing);
        }
        return names;
    }

    private static long symmetricDifference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).count() + b.stream().filter(x -> !a.contains(x)).count();
    }

    private static List<String> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> ids(Collection<Path> folders, String kind) {
        Set<String> ids = new HashSet<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                list(folder).stream().filter(n -> n.contains(kind)).forEach(n -> ids.add(n.substring(0, n.indexOf('_'))));
            }
        }
        return ids;
    }

    /** One notification per return file at the case-system stub (both receipts point at the first's). */
    private void notifications(Suite suite, List<Sent> accepted, List<String> returnFiles) throws Exception {
        Map<String, Sent> byId = byId(accepted);
        Function<List<Map<String, Object>>, List<Map<String, Object>>> ours = all -> all.stream()
                .filter(n -> ((List<?>) n.get("sendersFileIds")).stream().anyMatch(byId::containsKey)).toList();
        awaitAll("notifications", () -> ours.apply(stubNotifications()),
                list -> list.stream().map(n -> (String) n.get("fileName")).collect(Collectors.toSet())
                        .containsAll(returnFiles));
        Thread.sleep(SETTLE.toMillis());
        List<Map<String, Object>> notified = ours.apply(stubNotifications());
        Map<String, Long> perFile = notified.stream().collect(Collectors.groupingBy(n -> (String) n.get("fileName"),
                Collectors.counting()));
        check("return files notified", returnFiles.size(), returnFiles.stream().filter(perFile::containsKey).count());
        check("notifications in all", returnFiles.size(), notified.size());
        check("return files notified more than once", 0, perFile.values().stream().filter(c -> c > 1).count());
        check("notifications to the wrong system", 0, notified.stream().filter(n -> {
            String id = (String) ((List<?>) n.get("sendersFileIds")).get(0);
            return byId.get(id) == null || !List.of(byId.get(id).system().sftpUser).equals(n.get("recipients"));
        }).count());
    }

    private List<Map<String, Object>> stubNotifications() {
        return given().get(receiptUrl + "/api/v1/case-system-stub/notifications").then().statusCode(200).extract()
                .jsonPath().getList("");
    }

    /** One ACCEPTED kvittering per accepted SFTP upload. */
    private void kvitteringer(Suite suite, List<Sent> uploaded) {
        Set<String> ids = uploaded.stream().filter(Sent::accepted).map(Sent::id).collect(Collectors.toSet());
        List<Map<String, Object>> all = given().get(receiptUrl + "/api/v1/case-system-stub/kvitteringer").then()
                .statusCode(200).extract().jsonPath().getList("");
        Map<String, Long> perId = all.stream().filter(k -> ids.contains((String) k.get("sendersFileId")))
                .collect(Collectors.groupingBy(k -> (String) k.get("sendersFileId"), Collectors.counting()));
        check("SFTP uploads with a kvittering", ids.size(), perId.size());
        check("SFTP uploads with more than one kvittering", 0, perId.values().stream().filter(c -> c > 1).count());
        check("kvitteringer not ACCEPTED", 0, all.stream().filter(k -> ids.contains((String) k.get("sendersFileId")))
                .filter(k -> !"ACCEPTED".equals(k.get("result"))).count());
    }

    /**
     * Every card once: the messages on both Beskedfordeler addresses (drained here) have distinct BeskedIds
     * ({@code _AMQ_DUPL_ID}), and with the cards parked in quarantine they are as many as the samples' 2101s.
     */
    private void skattekort(Suite suite, List<Sent> accepted) throws Exception {
        long expected = accepted.stream().mapToLong(s -> CARDS.get(s.system())).sum();
        Path quarantine = suite.receiptData().resolve("quarantine");
        List<String> queues = List.of("beskedfordeler.KY", "beskedfordeler.KSD");
        awaitAll("skattekort", () -> queues.stream().mapToLong(q -> Math.max(0, suite.stack().broker().messageCount(q)))
                .sum() + quarantined(quarantine), n -> n >= expected);
        Thread.sleep(SETTLE.toMillis());
        long messages = 0;
        Set<String> beskedIds = new HashSet<>();
        Map<String, Long> perQueue = new TreeMap<>();
        try (ServerLocator locator = ActiveMQClient.createServerLocator(suite.stack().broker().coreUrl());
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession()) {
            session.start();
            for (String queue : queues) {
                if (suite.stack().broker().messageCount(queue) < 0) {
                    perQueue.put(queue, -1L);
                    continue;
                }
                long n = 0;
                try (ClientConsumer consumer = session.createConsumer(queue)) {
                    ClientMessage message;
                    while ((message = consumer.receive(2_000)) != null) {
                        message.acknowledge();
                        n++;
                        Object id = message.getObjectProperty("_AMQ_DUPL_ID");
                        beskedIds.add(id instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                : String.valueOf(id));
                    }
                }
                perQueue.put(queue, n);
                messages += n;
            }
        }
        long parked = quarantined(quarantine);
        info("skattekort messages per address (drained)", perQueue + ", quarantined " + parked);
        check("skattekort cards published or quarantined", expected, messages + parked);
        check("skattekort messages with a BeskedId seen before", 0, messages - beskedIds.size());
    }

    private static long quarantined(Path quarantine) {
        return Files.isDirectory(quarantine)
                ? list(quarantine).stream().filter(n -> n.startsWith("SKATTEKORT_")).count() : 0;
    }

    private void deadLetters(Suite suite) {
        Map<String, Long> dead = suite.stack().broker().queues().stream()
                .filter(q -> q.queue().startsWith("DLQ.") && q.messages() > 0)
                .collect(Collectors.toMap(q -> q.queue(), q -> q.messages(), Long::sum, TreeMap::new));
        info("dead-letter queues", dead.isEmpty() ? "empty" : dead.toString());
        check("messages in dead-letter queues", 0, dead.values().stream().mapToLong(Long::longValue).sum());
    }

    /** How the work was shared: each instance's own counters. */
    private void perInstance(Suite suite) {
        String[][] meters = {
            {"ingest-service", "ingest_submissions_accepted_total"},
            {"forwarder-service", "forwarder_forsendelser_sent_total"},
            {"forwarder-service", "forwarder_returns_forwarded_total"},
            {"receipt-service", "receipt_notification_attempts_total", "outcome", "delivered"},
            {"receipt-service", "receipt_skattekort_published_total"},
        };
        Map<String, String> first = Map.of("ingest-service", suite.ingestUrl(), "forwarder-service",
                suite.forwarderUrl(), "receipt-service", suite.receiptUrl());
        for (String[] meter : meters) {
            List<String> values = new ArrayList<>();
            for (String url : List.of(first.get(meter[0]), suite.secondInstance(meter[0]).url())) {
                values.add("%.0f".formatted(metric(url, meter[1],
                        Arrays.copyOfRange(meter, 2, meter.length))));
            }
            info(meter[1] + " (instance 1 / 2)", String.join(" / ", values));
        }
    }

    /** What {@link #submitDebtBatches} started: batch id → the instance (0, 1) it was submitted to. */
    private record DebtRun(Map<String, Integer> batches, long auditBefore) {
    }

    /** Batches submitted alternately to both debt instances, before the other load starts, so they run under it. */
    private DebtRun submitDebtBatches(Suite suite) throws Exception {
        String[] urls = debtUrls(suite);
        ByteArrayOutputStream ledger = new ByteArrayOutputStream();
        DemoLedger.write(ledger, "replicas-" + LocalDate.now(), 0, LEDGER_EMPLOYERS, LocalDate.now(), 8);
        int status = given().auth().preemptive().basic("ledger", "ledger-secret").contentType("application/json")
                .body(ledger.toByteArray()).post(urls[0] + "/api/v1/ledger/imports").statusCode();
        assertThat(status).as("demo ledger import").isIn(200, 201);
        long auditBefore = count(suite, "select count(*) from query_audit where consumer = 'inspector'");
        Map<String, Integer> batches = new LinkedHashMap<>();
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < DEBT_ITEMS; i++) {
            items.add(Map.of("companyId", DemoLedger.companyId(i % LEDGER_EMPLOYERS)));
        }
        for (int b = 0; b < DEBT_BATCHES; b++) {
            String id = given().auth().preemptive().basic("inspector", "inspector-secret")
                    .contentType("application/json").body(Map.of("legalContext", "ART_30BIS", "items", items))
                    .post(urls[b % 2] + "/api/v1/debt-queries/batches").then().statusCode(202).extract().path("id");
            batches.put(id, b % 2);
        }
        return new DebtRun(batches, auditBefore);
    }

    private static String[] debtUrls(Suite suite) {
        return new String[] {suite.debtUrl(), suite.secondInstance("debt-service").url()};
    }

    /**
     * Each batch read from the instance it was not submitted to: every item answered once, in exactly one group,
     * one audit row per item; the items done counted by both instances add up.
     */
    private void debt(Suite suite, DebtRun run) throws Exception {
        String[] urls = debtUrls(suite);
        long items = 0;
        long answeredOnce = 0;
        long inSeveralGroups = 0;
        for (Map.Entry<String, Integer> batch : run.batches().entrySet()) {
            String other = urls[1 - batch.getValue()] + "/api/v1/debt-queries/batches/" + batch.getKey();
            JsonPath done = awaitAll("debt batch " + batch.getKey(), () -> given().auth().preemptive()
                    .basic("inspector", "inspector-secret").get(other).then().statusCode(200).extract().jsonPath(),
                    j -> "DONE".equals(j.getString("state")) && j.getInt("groupsReady") == j.getInt("groups"));
            if (done == null) {
                continue;
            }
            int total = done.getInt("total");
            items += total;
            Map<Integer, Integer> seen = new HashMap<>();
            for (int g = 0; g < done.getInt("groups"); g++) {
                List<Integer> positions = given().auth().preemptive().basic("inspector", "inspector-secret")
                        .queryParam("group", g).get(other).then().statusCode(200).extract().jsonPath()
                        .getList("results.position", Integer.class);
                positions.forEach(p -> seen.merge(p, 1, Integer::sum));
            }
            answeredOnce += seen.entrySet().stream().filter(e -> e.getKey() >= 0 && e.getKey() < total)
                    .filter(e -> e.getValue() == 1).count();
            inSeveralGroups += seen.values().stream().filter(c -> c > 1).count();
        }
        check("debt batch items (done, read from the other instance)", (long) DEBT_BATCHES * DEBT_ITEMS, items);
        check("debt items answered in exactly one group", items, answeredOnce);
        check("debt items in more than one group", 0, inSeveralGroups);
        check("debt audit rows of the batches", items,
                count(suite, "select count(*) from query_audit where consumer = 'inspector'") - run.auditBefore());
        long one = Math.round(metric(urls[0], "debt_batch_items_done_total"));
        long two = Math.round(metric(urls[1], "debt_batch_items_done_total"));
        info("debt_batch_items_done_total (instance 1 / 2)", one + " / " + two);
        check("debt items done, both instances together", items, one + two);
    }

    /** A counter summed over its series; 0 when the instance never counted it (not exposed yet). */
    private static double metric(String url, String name, String... labels) {
        PrometheusText text = PrometheusText.scrape(url);
        return text.find(name, labels).isEmpty() ? 0 : text.sum(name, labels);
    }

    private static long count(Suite suite, String sql) throws SQLException {
        Map<String, String> db = suite.stack().quarkusConfig("debt");
        try (Connection c = DriverManager.getConnection(db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"), db.get("quarkus.datasource.password"));
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Retention has run many times in all four instances by now: each due file warned about once, each expired one
     * deleted, the due ones still there. The runs each instance did and skipped (the other held the lock) are
     * read from the logs.
     */
    private void retention(Suite suite, WarningRecorder warnings, Map<String, List<String>> aged) throws Exception {
        Thread.sleep(SETTLE.toMillis());
        for (String service : List.of("receipt", "ingest")) {
            for (CaseSystem system : CaseSystem.values()) {
                Path folder = service.equals("receipt")
                        ? suite.receiptData().resolve("sftp").resolve(system.sftpUser)
                        : suite.ingestData().resolve("styret").resolve(system.sftpUser);
                List<String> due = aged.get(service + "/" + system + "/due");
                List<String> expired = aged.get(service + "/" + system + "/expired");
                Map<String, Long> warned = warnings.warnedFiles(service, system.sftpUser);
                String what = service + " " + system + ": ";
                check(what + "due files warned about", due.size(), due.stream().filter(warned::containsKey).count());
                check(what + "warnings of a file more than once", 0, warned.values().stream().filter(c -> c > 1).count());
                check(what + "expired files left", 0, expired.stream().filter(n -> Files.exists(folder.resolve(n))).count());
                check(what + "due files deleted", 0, due.stream().filter(n -> !Files.exists(folder.resolve(n))).count());
            }
            List<String> runs = new ArrayList<>();
            for (String instance : List.of(service + "-service", service + "-service-2")) {
                Path log = suite.logs().resolve(instance + ".log");
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                runs.add(instance + " " + occurrences(text, "retention run:") + " run, "
                        + occurrences(text, "retention run skipped") + " skipped");
            }
            info(service + " retention runs", String.join("; ", runs));
        }
        // ingest's durable suite.tracking subscription is not shared: the second instance's consumer is refused
        // (AMQ229200, maximum consumers) and retried, so one instance stores every tracking event.
        List<String> refusedAttach = new ArrayList<>();
        for (String instance : List.of("ingest-service", "ingest-service-2")) {
            String text = Files.readString(suite.logs().resolve(instance + ".log"), StandardCharsets.ISO_8859_1);
            refusedAttach.add(instance + " " + occurrences(text, "AMQ229200"));
        }
        info("ingest: suite.tracking consumer refused (AMQ229200 log lines)", String.join("; ", refusedAttach));
    }

    private static long occurrences(String text, String fragment) {
        return Pattern.compile(Pattern.quote(fragment)).matcher(text).results().count();
    }

    // -------------------------------------------------------------------------------------------------------

    private static Map<String, Sent> byId(List<Sent> sent) {
        return sent.stream().collect(Collectors.toMap(Sent::id, s -> s, (a, b) -> a));
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code probe} every 2 s until {@code done} holds or {@link #FLOW} passes; then returns the last value. */
    private <T> T awaitAll(String what, Probe<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        Instant until = Instant.now().plus(FLOW);
        T last = null;
        while (Instant.now().isBefore(until)) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception | AssertionError e) {
                // not there yet (a service busy); asked again
            }
            Thread.sleep(2_000);
        }
        info("timed out waiting for", what + " after " + FLOW.toSeconds() + " s");
        return last;
    }

    private void check(String what, long expected, long observed) {
        rows.add(new String[] {what, Long.toString(expected), Long.toString(observed), expected == observed ? "ok" : "**NO**"});
        if (expected != observed) {
            failures.add(what + ": expected " + expected + ", observed " + observed);
        }
    }

    private void info(String what, String observed) {
        rows.add(new String[] {what, "", observed, ""});
    }

    private void write(Path report, Instant began, String load) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Two of everything (issue 14)\n\n");
        md.append("Run %s, %d forsendelser (SOAP+REST) + %d SFTP uploads, %d debt batches of %d items; load average at the start %s, %d s.\n\n"
                .formatted(began.atOffset(ZoneOffset.UTC).withNano(0), FORSENDELSER, SFTP_UPLOADS, DEBT_BATCHES,
                        DEBT_ITEMS, load, Duration.between(began, Instant.now()).toSeconds()));
        md.append("| what | expected | observed | |\n|---|---:|---:|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        Files.createDirectories(report.getParent());
        Files.writeString(report, md.toString());
        System.out.println(md);
    }

    /**
     * The case systems' HTTP retention-warning port ({@code retention-warning-channel=HTTP}): records each POST
     * {@code {caseSystem, sftpUser, deletionDate, files}} under the service it came from ({@code /<service>}).
     */
    private static final class WarningRecorder implements AutoCloseable {

        private final HttpServer server;
        private final Queue<String[]> received = new ConcurrentLinkedQueue<>();

        private WarningRecorder(HttpServer server) {
            this.server = server;
        }

        static WarningRecorder start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WarningRecorder recorder = new WarningRecorder(server);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                recorder.received.add(new String[] {exchange.getRequestURI().getPath().substring(1), body});
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return recorder;
        }

        String url(String service) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + service;
        }

        /** How often each file of {@code sftpUser}'s area was warned about by {@code service}. */
        Map<String, Long> warnedFiles(String service, String sftpUser) {
            Map<String, Long> counts = new TreeMap<>();
            for (String[] warning : received) {
                JsonPath json = JsonPath.from(warning[1]);
                if (warning[0].equals(service) && sftpUser.equals(json.getString("sftpUser"))) {
                    json.getList("files", String.class).forEach(f -> counts.merge(f, 1L, Long::sum));
                }
            }
            return counts;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
