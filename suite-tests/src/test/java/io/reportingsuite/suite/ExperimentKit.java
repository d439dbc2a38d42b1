package io.reportingsuite.suite;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * What issue 14's experiments share: a load of forsendelser at a fixed rate over SOAP (KY), REST (KSD) and Styret
 * SFTP with a SOAP notification (KY), each call classified as accepted, refused or unknown; and the counts,
 * taken from outside the services after the run: what SKAT received, the return files in the case systems'
 * folders (over SFTP), the notifications and kvitteringer the recording stubs logged, the skattekort messages on
 * the Beskedfordeler queues, the dead-letter queues of both brokers.
 */
final class ExperimentKit {

    /** How a caller saw one submission. */
    enum Outcome {
        /** SOAP {@code ACCEPTED}, REST {@code 202}, SFTP upload and {@code NotifyUpload} {@code MOVED}. */
        ACCEPTED,
        /** No connection, an error status or a fault: certainly not accepted, the caller must send again. */
        REFUSED,
        /**
         * Answered "not confirmed" (REST 503 {@code urn:reportingsuite:problem:not-confirmed}, SOAP fault code
         * {@code NOT_CONFIRMED}): stored and handed to the broker, which did not confirm in time; the outcome is
         * unknown and an exact resend is safe.
         */
        NOT_CONFIRMED,
        /** Connected, then no answer (timeout, connection reset): the caller cannot know. */
        UNKNOWN
    }

    /**
     * One submission: its number, id, system, channel, outcome (with the refusal's reason) and when it was made.
     */
    record Submission(int seq, String id, CaseSystem system, String channel, Outcome outcome, String detail,
                      long atMillis) {

        /** Whether only a resend can tell the caller what became of it. */
        boolean open() {
            return outcome == Outcome.NOT_CONFIRMED || outcome == Outcome.UNKNOWN;
        }
    }

    /** The Status element of the SOAP answer, whatever its namespace prefix. */
    private static final Pattern STATUS = Pattern.compile("<(?:[\\w-]+:)?Status>([^<]*)</");
    /** The SKATIndberetFault's code of a "not confirmed" answer. */
    private static final Pattern NOT_CONFIRMED_FAULT = Pattern.compile("<(?:[\\w-]+:)?Code>NOT_CONFIRMED</");
    private static final String NOT_CONFIRMED_PROBLEM = "urn:reportingsuite:problem:not-confirmed";
    private static final String NOTIFIED = "case-system stub: notified of ";
    private static final Pattern TRANSFER_ID = Pattern.compile("\\(FileTransferUUID ([0-9a-f-]{36})\\)");
    private static final Pattern SKAT_TOOK = Pattern.compile("EP_SK1 (\\S+): [A-Z_]+, \\d+ EP_SK3 document");
    private static final Pattern KVITTERING = Pattern.compile("case-system stub: kvittering \\S+ for (\\S+) \\(");
    /** 2101 records (skattekort requests) in each system's sample: one skattekort message each. */
    static final Map<CaseSystem, Integer> SKATTEKORT_PER_FORSENDELSE = Map.of(CaseSystem.KY, 2, CaseSystem.KSD, 1);

    private final Suite suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<CaseSystem, byte[]> samples = new EnumMap<>(CaseSystem.class);
    /** A stamp of this run in every id, so that two runs never share one. */
    private final String runStamp = String.format("%05d", (System.currentTimeMillis() / 1000) % 100_000);
    private final int sftpEvery;

    /** @param sftpEvery every n-th submission goes by Styret SFTP (0: none) */
    ExperimentKit(Suite suite, int sftpEvery) throws IOException {
        this.suite = suite;
        this.sftpEvery = sftpEvery;
        for (CaseSystem system : CaseSystem.values()) {
            samples.put(system, Files.readAllBytes(suite.sample(system.sample)));
        }
    }

    /** The id of submission {@code seq}: the system's prefix, "E2E", this run's stamp, the number. */
    String id(CaseSystem system, int seq) {
        return system.prefix + "E2E" + runStamp + String.format("%07d", seq);
    }

    /** Which system and channel submission {@code seq} uses. */
    String channel(int seq) {
        if (sftpEvery > 0 && seq % sftpEvery == sftpEvery - 1) {
            return "SFTP";
        }
        return seq % 2 == 0 ? "SOAP" : "REST";
    }

    /**
     * Submits {@code n} forsendelser starting at {@code firstSeq} at {@code rate} per second (each call on a pool,
     * so a stalled call does not slow the rate), waits until every call has ended ({@code atMost}) and returns them.
     */
    List<Submission> run(int firstSeq, int n, double rate, Duration atMost) throws InterruptedException {
        ConcurrentLinkedQueue<Submission> done = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(32);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger(firstSeq);
        long period = Math.max(1, (long) (1_000_000_000L / rate));
        clock.scheduleAtFixedRate(() -> {
            int seq = next.getAndIncrement();
            if (seq >= firstSeq + n) {
                clock.shutdown();
                return;
            }
            callers.execute(() -> done.add(submit(seq)));
        }, 0, period, TimeUnit.NANOSECONDS);
        if (!clock.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            clock.shutdownNow();
        }
        callers.shutdown();
        if (!callers.awaitTermination(2, TimeUnit.MINUTES)) {
            callers.shutdownNow();
        }
        return new ArrayList<>(done);
    }

    /** One submission by the channel {@link #channel} gives {@code seq}. */
    Submission submit(int seq) {
        String channel = channel(seq);
        CaseSystem system = channel.equals("REST") ? CaseSystem.KSD : CaseSystem.KY;
        String id = id(system, seq);
        byte[] file = Forsendelser.withId(samples.get(system), id);
        long at = System.currentTimeMillis();
        try {
            return switch (channel) {
                case "SOAP" -> {
                    String envelope = SuiteApi.soapEnvelope(id, file);
                    HttpResponse<String> answer = post(system, "/soap/SkatIndberetning", "text/xml; charset=UTF-8",
                            envelope.getBytes(StandardCharsets.UTF_8), Map.of());
                    Matcher status = STATUS.matcher(answer.body());
                    String value = status.find() ? status.group(1) : "";
                    if (answer.statusCode() == 200 && value.equals("ACCEPTED")) {
                        yield new Submission(seq, id, system, channel, Outcome.ACCEPTED, "", at);
                    }
                    yield new Submission(seq, id, system, channel, NOT_CONFIRMED_FAULT.matcher(answer.body()).find()
                            ? Outcome.NOT_CONFIRMED : Outcome.REFUSED, answer.statusCode() + " " + value, at);
                }
                case "REST" -> {
                    HttpResponse<String> answer = post(system, "/api/v1/indberetninger",
                            "text/plain; charset=ISO-8859-1", file, Map.of("HovedIndberetningID", id));
                    if (answer.statusCode() == 202) {
                        yield new Submission(seq, id, system, channel, Outcome.ACCEPTED, "", at);
                    }
                    yield new Submission(seq, id, system, channel,
                            answer.statusCode() == 503 && answer.body().contains(NOT_CONFIRMED_PROBLEM)
                                    ? Outcome.NOT_CONFIRMED : Outcome.REFUSED, "HTTP " + answer.statusCode(), at);
                }
                default -> sftp(seq, system, id, file, at);
            };
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Submission(seq, id, system, channel, Outcome.REFUSED, e.getClass().getSimpleName(), at);
        } catch (IOException e) {
            return new Submission(seq, id, system, channel, Outcome.UNKNOWN, e.getClass().getSimpleName(), at);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Submission(seq, id, system, channel, Outcome.UNKNOWN, "interrupted", at);
        } catch (RuntimeException e) {
            return new Submission(seq, id, system, channel, Outcome.UNKNOWN, e.getClass().getSimpleName(), at);
        }
    }

    /** Styret SFTP: {@code sftp -b} upload to ingest's server, then SOAP {@code NotifyUpload}. */
    private Submission sftp(int seq, CaseSystem system, String id, byte[] file, long at)
            throws IOException, InterruptedException {
        String name = "KY-" + id + ".txt";
        Path upload = Files.createDirectories(suite.ingestData().resolve("uploads")).resolve(name);
        Files.write(upload, file);
        OpenSshSftp.Result put;
        try {
            put = OpenSshSftp.batch(suite, system, "put " + upload + " " + name + "\n");
        } catch (IllegalStateException timedOut) {
            // sftp did not end: nothing was notified, so nothing can have been accepted
            return new Submission(seq, id, system, "SFTP", Outcome.REFUSED, "sftp timeout", at);
        } finally {
            Files.deleteIfExists(upload);
        }
        if (put.exit() != 0) {
            return new Submission(seq, id, system, "SFTP", Outcome.REFUSED, "sftp exit " + put.exit(), at);
        }
        String trigger = """
                <t:Trigger xmlns:t="http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types"><t:FileContentDescriptor>\
                <t:FilType>SkatIndberet</t:FilType><t:SF>770B</t:SF></t:FileContentDescriptor><t:Routinginformation>\
                <t:FileName>%s</t:FileName><t:SizeInBytes>%d</t:SizeInBytes><t:Sender>%s</t:Sender>\
                <t:SendersFileId>%s</t:SendersFileId><t:Recipients>SP_STYRETSFTP_SKAT_IndkomstIndberet</t:Recipients>\
                </t:Routinginformation></t:Trigger>""".formatted(name, file.length, system.sftpUser, id);
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body>" + trigger + "</soapenv:Body></soapenv:Envelope>";
        HttpResponse<String> answer = post(system, "/soap/StyretNotification", "text/xml; charset=UTF-8",
                envelope.getBytes(StandardCharsets.UTF_8), Map.of());
        Matcher status = STATUS.matcher(answer.body());
        String value = status.find() ? status.group(1) : "";
        // REPEATED: a resend of an upload this platform already has (same SendersFileId and content)
        return answer.statusCode() == 200 && (value.equals("MOVED") || value.equals("REPEATED"))
                ? new Submission(seq, id, system, "SFTP", Outcome.ACCEPTED, "", at)
                : new Submission(seq, id, system, "SFTP", Outcome.REFUSED, answer.statusCode() + " " + value, at);
    }

    /**
     * Sends every open submission (answered "not confirmed", or no answer) once more, exactly as before (same id,
     * same content, same channel), one after the other: what a case system does to learn the outcome. Returns the
     * answers to the resends by id.
     */
    Map<String, Submission> resendOpen(List<Submission> submissions) {
        Map<String, Submission> resent = new TreeMap<>();
        for (Submission s : submissions) {
            if (s.open()) {
                resent.put(s.id(), submit(s.seq()));
            }
        }
        return resent;
    }

    private HttpResponse<String> post(CaseSystem system, String path, String contentType, byte[] body,
                                      Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.ingestUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (system.username + ":" + system.password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Counting, from outside.
    // ---------------------------------------------------------------------------------------------------------

    /**
     * The SKAT simulator's {@code GET /api/v1/admin/received} now: one map per copy received (its list lives in
     * the simulator's memory, so an experiment takes it before each kill and adds the lists of every run).
     */
    List<Map<String, Object>> receivedBySkat() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(suite.simulatorUrl() + "/api/v1/admin/received")).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("simulator /received: HTTP " + answer.statusCode());
        }
        return JsonPath.from(answer.body()).getList("received");
    }

    /**
     * Copies per HovedIndberetningID that SKAT took, from every run of the simulator's log: it logs
     * {@code EP_SK1 <id>: <status>, <n> EP_SK3 document(s)} right after committing each one (its {@code /received}
     * list dies with a killed simulator; its log does not).
     */
    Map<String, Integer> receivedBySkatLogged() throws IOException {
        Map<String, Integer> copies = new HashMap<>();
        for (Path log : suite.logsOf("skat-simulator")) {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                lines.forEach(line -> {
                    Matcher m = SKAT_TOOK.matcher(line);
                    if (m.find()) {
                        copies.merge(m.group(1), 1, Integer::sum);
                    }
                });
            }
        }
        return copies;
    }

    /** Copies per HovedIndberetningID over the given lists (each the last of one simulator run). */
    static Map<String, Integer> copiesById(List<List<Map<String, Object>>> runs) {
        Map<String, Integer> copies = new HashMap<>();
        for (List<Map<String, Object>> run : runs) {
            for (Map<String, Object> copy : run) {
                copies.merge((String) copy.get("hovedIndberetningId"), 1, Integer::sum);
            }
        }
        return copies;
    }

    /** The file names in each system's EP_FS3 folder, as the case system lists them (SFTP). */
    Map<CaseSystem, List<String>> returnFiles() throws Exception {
        Map<CaseSystem, List<String>> files = new EnumMap<>(CaseSystem.class);
        for (CaseSystem system : CaseSystem.values()) {
            try (CaseSystemSftp sftp = new CaseSystemSftp(suite, system.sftpUser)) {
                files.put(system, sftp.list());
            }
        }
        return files;
    }

    /** Return files on disk (cheap, for waiting; the counts are {@link #returnFiles}'). */
    long returnFilesOnDisk() throws IOException {
        Path root = suite.receiptData().resolve("sftp");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt")).count();
        }
    }

    /** Notifications per file name, from every run of receipt-service's log (its recording stub logs each). */
    Map<String, Integer> notifications() throws IOException {
        Map<String, Integer> byFile = new HashMap<>();
        notificationRuns().forEach((file, runs) -> byFile.put(file, runs.size()));
        return byFile;
    }

    /**
     * Per file name, the run of receipt-service (0 = the first, n = its n-th log file) in which the recording stub
     * got each notification: two entries of two runs are one notification sent again after a kill.
     */
    Map<String, List<Integer>> notificationRuns() throws IOException {
        Map<String, List<Integer>> byFile = new HashMap<>();
        List<Path> logs = suite.logsOf("receipt-service");
        for (int run = 0; run < logs.size(); run++) {
            int current = run;
            try (Stream<String> lines = Files.lines(logs.get(run), StandardCharsets.ISO_8859_1)) {
                lines.forEach(line -> {
                    int at = line.indexOf(NOTIFIED);
                    if (at >= 0) {
                        String rest = line.substring(at + NOTIFIED.length());
                        byFile.computeIfAbsent(rest.substring(0, rest.indexOf(' ')), f -> new ArrayList<>())
                                .add(current);
                    }
                });
            }
        }
        return byFile;
    }

    /**
     * Per file name, the distinct FileTransferUUIDs its notifications carried, over every run of receipt-service's
     * log: one UUID for a file notified again after a kill means the case system can tell it is the same
     * notification (receipt keeps the UUID with the delivery row).
     */
    Map<String, Set<String>> notificationTransferIds() throws IOException {
        Map<String, Set<String>> byFile = new HashMap<>();
        for (Path log : suite.logsOf("receipt-service")) {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                lines.forEach(line -> {
                    int at = line.indexOf(NOTIFIED);
                    if (at >= 0) {
                        String rest = line.substring(at + NOTIFIED.length());
                        Matcher m = TRANSFER_ID.matcher(rest);
                        byFile.computeIfAbsent(rest.substring(0, rest.indexOf(' ')), f -> new HashSet<>())
                                .add(m.find() ? m.group(1) : "none");
                    }
                });
            }
        }
        return byFile;
    }

    /** Kvitteringer (EP_FS2 TechnicalReceipts) per SendersFileId, from every run of receipt-service's log. */
    Map<String, Integer> kvitteringer() throws IOException {
        Map<String, Integer> byId = new HashMap<>();
        for (Path log : suite.logsOf("receipt-service")) {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                lines.forEach(line -> {
                    Matcher m = KVITTERING.matcher(line);
                    if (m.find()) {
                        byId.merge(m.group(1), 1, Integer::sum);
                    }
                });
            }
        }
        return byId;
    }

    /** What a queue holds, browsed (not consumed): messages and distinct duplicate ids. */
    record Browsed(String queue, int messages, int distinctIds) {
    }

    /** Browses {@code queue} on the broker at {@code url}: every message stays. */
    static Browsed browse(String url, String queue) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            if (!session.queueQuery(SimpleString.of(queue)).isExists()) {
                return new Browsed(queue, 0, 0);
            }
            session.start();
            int messages = 0;
            Set<String> ids = new HashSet<>();
            try (ClientConsumer consumer = session.createConsumer(SimpleString.of(queue), true)) {
                for (ClientMessage m = consumer.receive(5000); m != null; m = consumer.receive(2000)) {
                    messages++;
                    Object dupl = m.getObjectProperty(org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID);
                    ids.add(dupl != null ? dupl.toString() : String.valueOf(m.getUserID()));
                }
            }
            return new Browsed(queue, messages, ids.size());
        }
    }

    /** Every dead-letter queue of the broker at {@code url} (bound to its {@code DLA}) with its depth. */
    static Map<String, Long> deadLetters(String url) throws Exception {
        Map<String, Long> depths = new TreeMap<>();
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            for (SimpleString queue : session.addressQuery(SimpleString.of("DLA")).getQueueNames()) {
                depths.put(queue.toString(), session.queueQuery(queue).getMessageCount());
            }
        }
        return depths;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reporting.
    // ---------------------------------------------------------------------------------------------------------

    /** Writes {@code markdown} to {@code target/reliability/<name>.md} and prints it. */
    static Path report(String name, String markdown) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "reliability"));
        Path file = dir.resolve(name + ".md");
        Files.writeString(file, markdown);
        System.out.println(markdown);
        return file;
    }

    /** {@code uptime}'s load averages, for the report. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Counts of the submissions per outcome, per channel. */
    static Map<String, Map<Outcome, Integer>> outcomes(List<Submission> submissions) {
        Map<String, Map<Outcome, Integer>> table = new TreeMap<>();
        for (Submission s : submissions) {
            table.computeIfAbsent(s.channel(), c -> new EnumMap<>(Outcome.class)).merge(s.outcome(), 1, Integer::sum);
        }
        return table;
    }

    static String now() {
        return Instant.now().toString();
    }
}
