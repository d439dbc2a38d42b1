package io.reportingsuite.ingest.batch;

import static io.reportingsuite.ingest.batch.BatchOutProfile.EMPLOYER;
import static io.reportingsuite.ingest.batch.BatchOutProfile.EMPLOYER_CBE;
import static io.reportingsuite.ingest.batch.BatchOutProfile.EMPLOYER_SENDER;
import static io.reportingsuite.ingest.batch.BatchOutProfile.TRAINING;
import static io.reportingsuite.ingest.batch.BatchOutProfile.TRAINING_CBE;
import static io.reportingsuite.ingest.batch.BatchOutProfile.TRAINING_SENDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.batch.BatchFileName;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.batch.BatchSignature;
import io.reportingsuite.contracts.batch.BatchSignatureVerifier;
import io.reportingsuite.contracts.batch.Environment;
import io.reportingsuite.contracts.batch.Transmission;
import io.reportingsuite.contracts.batch.TransmissionId;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.ingest.batch.TransmissionRepository.Row;
import io.reportingsuite.ingest.batch.TransmissionRepository.State;
import io.reportingsuite.support.signing.PlatformSigningKey;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The channel's outgoing side against the real embedded broker and PostgreSQL: real FI/FS/GO files in a channel
 * folder, signed with contracts' BatchSignature, and a fired TransmissionChecked (as the channel's poller fires
 * it) → the signed ACRF in OUT/OUTTEST (verified by BatchSignatureVerifier and, when installed, OpenSSL), GO last,
 * the uploads archived, the transmission on its route's address exactly once; BatchAnswer messages on
 * batch.answers → answer files in OUT/OUTTEST once, an unknown one dead-lettered.
 */
@QuarkusTest
@TestProfile(BatchOutProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class TransmissionDispatcherTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(10_000 + (int) (Math.random() * 50_000));
    private static PlatformSigningKey senderKey;

    @Inject
    Event<TransmissionChecked> checked;

    @Inject
    BatchOutbox outbox;

    @Inject
    TransmissionRepository repository;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void senderKey() {
        senderKey = PlatformSigningKey.generate(Clock.systemUTC());
    }

    /** A transmission's files in a channel folder, as the sender uploaded them. */
    record Upload(String user, BatchFolder folder, TransmissionId id, Transmission transmission, List<Path> files,
                  byte[] body) {
    }

    @Test
    void positiveDebtQueryIsAcknowledgedSignedRoutedOnceAndArchived() throws Exception {
        Upload upload = upload(EMPLOYER, BatchFolder.IN, "EACB", EMPLOYER_SENDER, Environment.R, 2);
        Path out = outbox.outFolder(EMPLOYER, Environment.R);
        Files.createDirectories(out);
        List<String> arrivals;
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            out.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            fire(upload, List.of());
            Row row = row(upload);
            arrivals = arrivals(watch, row.acrf().go().toString());
        }
        Row row = row(upload);
        BatchFileName acrf = row.acrf();
        assertThat(acrf.toString()).matches("FO\\.ACRF\\.999999\\.\\d{8}\\.[0-9A-Z]{5}\\.R");
        assertThat(arrivals).as("FO and FS before GO").containsExactly(acrf.toString(),
                acrf.signature().toString(), acrf.go().toString());
        assertThat(Files.size(out.resolve(acrf.go().toString()))).isZero();
        assertSignedByPlatform(out.resolve(acrf.toString()), out.resolve(acrf.signature().toString()));

        Element ack = xml(out.resolve(acrf.toString()));
        assertThat(text(ack, "Result")).isEqualTo("POSITIVE");
        assertThat(text(ack, "FileName")).isEqualTo(acrf.toString());
        assertThat(text(ack, "TransmissionId")).isEqualTo(upload.id().toString());
        assertThat(text(ack, "Sender")).isEqualTo(EMPLOYER_SENDER);
        assertThat(texts(ack, "File")).containsExactlyInAnyOrderElementsOf(upload.transmission().fileNames());
        assertThat(ack.getElementsByTagNameNS(AcknowledgementDocument.NAMESPACE, "Finding").getLength()).isZero();

        assertArchived(upload, row);
        assertThat(row.state()).isEqualTo(State.ARCHIVED);

        List<Received> requests = take(Addresses.DEBT_BATCH_REQUESTS, "requestId = '" + upload.id() + "'");
        assertThat(requests).hasSize(1);
        Received request = requests.get(0);
        assertThat(request.body()).as("the FI parts concatenated in part order").isEqualTo(upload.body());
        assertThat(request.properties()).containsEntry("consumer", "batch-channel:" + EMPLOYER)
                .containsEntry("requestId", upload.id().toString())
                .containsEntry("environment", "R")
                .containsEntry("mandant", EMPLOYER_CBE)
                .containsEntry(MessageProperties.DUPLICATE_ID, "batch-channel:" + EMPLOYER + ":" + upload.id());
        assertThat(take(Addresses.BATCH_FLA, "transmissionId = '" + upload.id() + "'")).isEmpty();
    }

    @Test
    void aReFiredEventAfterACrashRewritesTheSameAcrfAndRoutesOnce() throws Exception {
        Upload upload = upload(EMPLOYER, BatchFolder.IN, "EACB", EMPLOYER_SENDER, Environment.R, 1);
        fire(upload, List.of());
        Row first = row(upload);
        assertThat(first.state()).isEqualTo(State.ARCHIVED);

        // A crash after the ACRF and the send but before anything was recorded: the files are still in IN.
        restore(upload, first);
        setState(first.id(), State.RECEIVED);
        fire(upload, List.of());
        // And one after the send was settled but before ROUTED was stored.
        restore(upload, first);
        setState(first.id(), State.ACRF_WRITTEN);
        fire(upload, List.of());

        Row again = row(upload);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.acrf()).isEqualTo(first.acrf());
        assertThat(again.state()).isEqualTo(State.ARCHIVED);
        Path out = outbox.outFolder(EMPLOYER, Environment.R);
        assertThat(acrfsNaming(out, upload.id())).containsExactly(first.acrf().toString());
        assertThat(Files.exists(out.resolve(first.acrf().go().toString()))).isTrue();
        assertArchived(upload, again);
        assertThat(take(Addresses.DEBT_BATCH_REQUESTS, "requestId = '" + upload.id() + "'"))
                .as("the broker dropped the resends by their duplicate id").hasSize(1);

        // A late re-fire of files already archived changes nothing.
        fire(upload, List.of());
        assertThat(acrfsNaming(out, upload.id())).containsExactly(first.acrf().toString());
    }

    @Test
    void aResendOfAnArchivedTransmissionGetsItsOwnNegativeAcrfAndIsNotRouted() throws Exception {
        Upload upload = upload(EMPLOYER, BatchFolder.IN, "EACB", EMPLOYER_SENDER, Environment.R, 1);
        fire(upload, List.of());
        Row first = row(upload);
        restore(upload, first);
        fire(upload, List.of());

        Row resend = row(upload);
        assertThat(resend.generation()).isEqualTo(2);
        assertThat(resend.positive()).isFalse();
        assertThat(resend.acrf()).isNotEqualTo(first.acrf());
        Element ack = xml(outbox.outFolder(EMPLOYER, Environment.R).resolve(resend.acrf().toString()));
        assertThat(text(ack, "Result")).isEqualTo("NEGATIVE");
        assertThat(findingRules(ack)).containsExactly(TransmissionDispatcher.RULE_ALREADY_RECEIVED);
        assertArchived(upload, resend);
        assertThat(take(Addresses.DEBT_BATCH_REQUESTS, "requestId = '" + upload.id() + "'")).hasSize(1);
    }

    @Test
    void aNegativeTransmissionNamesEveryFindingAndGoesNowhere() throws Exception {
        Upload upload = upload(EMPLOYER, BatchFolder.IN, "EACB", EMPLOYER_SENDER, Environment.R, 1);
        List<Finding> findings = List.of(
                Finding.error("S07", 0, null, 0, null, "The signature of FI part 1 does not match its content."),
                Finding.error("M01", 0, null, 0, null, "The channel holds no active mandate for the employer."));
        fire(upload, findings);

        Row row = row(upload);
        assertThat(row.positive()).isFalse();
        Path out = outbox.outFolder(EMPLOYER, Environment.R);
        assertSignedByPlatform(out.resolve(row.acrf().toString()), out.resolve(row.acrf().signature().toString()));
        Element ack = xml(out.resolve(row.acrf().toString()));
        assertThat(text(ack, "Result")).isEqualTo("NEGATIVE");
        assertThat(findingRules(ack)).containsExactly("S07", "M01");
        assertThat(texts(ack, "Finding")).containsExactly(findings.get(0).message(), findings.get(1).message());
        assertArchived(upload, row);
        assertThat(take(Addresses.DEBT_BATCH_REQUESTS, "requestId = '" + upload.id() + "'")).isEmpty();
        assertThat(take(Addresses.BATCH_FLA, "transmissionId = '" + upload.id() + "'")).isEmpty();
    }

    @Test
    void filesThatFormNoTransmissionAreAnsweredInTheFoldersEnvironment() throws Exception {
        Path intest = outbox.folder(EMPLOYER, BatchFolder.INTEST);
        Files.createDirectories(intest);
        Path bad = Files.write(intest.resolve("FI.EACB.12.20261301." + UUID.randomUUID().toString().substring(0, 8)),
                "x".getBytes(StandardCharsets.UTF_8));
        Finding finding = Finding.error("B04", 0, null, 3, "sender", "The sender must be 6 digits.");
        TransmissionChecked event = new TransmissionChecked(EMPLOYER, BatchFolder.INTEST, Optional.empty(),
                Optional.empty(), List.of(bad), Optional.empty(), List.of(finding));
        checked.fire(event);

        Row row = repository.latest(EMPLOYER, BatchFolder.INTEST, TransmissionDispatcher.key(event)).orElseThrow();
        assertThat(row.acrf().environment()).isEqualTo(Environment.T);
        Path outtest = outbox.outFolder(EMPLOYER, Environment.T);
        Element ack = xml(outtest.resolve(row.acrf().toString()));
        assertThat(text(ack, "Result")).isEqualTo("NEGATIVE");
        assertThat(ack.getElementsByTagNameNS(AcknowledgementDocument.NAMESPACE, "TransmissionId").getLength())
                .isZero();
        assertThat(findingRules(ack)).containsExactly("B04");
        assertThat(Files.exists(bad)).isFalse();
        assertThat(outbox.archiveDir(EMPLOYER, BatchFolder.INTEST, row.id()).resolve(bad.getFileName())).exists();
    }

    @Test
    void aLearningAccountTransmissionInIntestIsPassedThroughByteIdentical() throws Exception {
        Upload upload = upload(TRAINING, BatchFolder.INTEST, "FLAC", TRAINING_SENDER, Environment.T, 2);
        fire(upload, List.of());

        Row row = row(upload);
        Path outtest = outbox.outFolder(TRAINING, Environment.T);
        assertThat(row.acrf().environment()).isEqualTo(Environment.T);
        assertSignedByPlatform(outtest.resolve(row.acrf().toString()),
                outtest.resolve(row.acrf().signature().toString()));
        assertThat(text(xml(outtest.resolve(row.acrf().toString())), "Result")).isEqualTo("POSITIVE");
        assertArchived(upload, row);

        List<Received> passed = take(Addresses.BATCH_FLA, "transmissionId = '" + upload.id() + "'");
        assertThat(passed).hasSize(1);
        assertThat(passed.get(0).body()).isEqualTo(upload.body());
        assertThat(passed.get(0).properties()).containsEntry("sender", TRAINING_SENDER)
                .containsEntry("purpose", "FLAC")
                .containsEntry("environment", "T")
                .containsEntry("mandant", TRAINING_CBE);
        assertThat(take(Addresses.DEBT_BATCH_REQUESTS, "requestId = '" + upload.id() + "'")).isEmpty();
    }

    @Test
    void answersAreWrittenIntoOutAndOuttestOnceEachGoLast() throws Exception {
        for (Environment env : Environment.values()) {
            BatchFolder folder = env == Environment.R ? BatchFolder.IN : BatchFolder.INTEST;
            Upload upload = upload(EMPLOYER, folder, "EACB", EMPLOYER_SENDER, env, 1);
            fire(upload, List.of());
            byte[] content = ("<EACR>" + UUID.randomUUID() + "</EACR>").getBytes(StandardCharsets.UTF_8);
            byte[] signature = outbox.platformKey().signer().sign(new java.io.ByteArrayInputStream(content));
            String batchId = "batch-" + UUID.randomUUID();
            JsonObject answer = answer(upload.id().toString(), batchId, 0, content, signature);
            send(answer, Map.of());
            String fo = await().atMost(Duration.ofSeconds(30)).until(() -> writtenAnswer(batchId, 0), n -> n != null);
            // The same group again (a redelivery after a lost ack): nothing new.
            send(answer, Map.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> SharedDevStack.get().broker().messageCount(Addresses.BATCH_ANSWERS) == 0);

            Path out = outbox.outFolder(EMPLOYER, env);
            BatchFileName name = BatchFileName.fo("EACR", outbox.today(), fo.split("\\.")[4], env, 1, 1);
            assertThat(name.toString()).isEqualTo(fo);
            assertThat(Files.readAllBytes(out.resolve(fo))).isEqualTo(content);
            assertThat(Files.readAllBytes(out.resolve(name.signature().toString()))).isEqualTo(signature);
            assertThat(Files.size(out.resolve(name.go().toString()))).isZero();
            assertSignedByPlatform(out.resolve(fo), out.resolve(name.signature().toString()));
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.filter(p -> p.getFileName().toString().startsWith("FO.EACR.")).filter(p -> {
                    try {
                        return java.util.Arrays.equals(Files.readAllBytes(p), content);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })).hasSize(1);
            }
            assertThat(answerRows(batchId)).isEqualTo(1);
        }
    }

    @Test
    void anAnswerForNoKnownTransmissionIsDeadLetteredNotLost() throws Exception {
        String marker = UUID.randomUUID().toString();
        TransmissionId unknown = new TransmissionId("EACB", EMPLOYER_SENDER, LocalDate.now(), "ZZZZZ", Environment.R);
        send(answer(unknown.toString(), "batch-" + marker, 0, new byte[] {1}, new byte[] {2}), Map.of("marker", marker));
        List<Received> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            dead.addAll(take("DLQ." + Addresses.BATCH_ANSWERS, "marker = '" + marker + "'"));
            return !dead.isEmpty();
        });
        assertThat(dead).hasSize(1);
        assertThat(answerRows("batch-" + marker)).isZero();
    }

    // --- helpers ---

    private Upload upload(String user, BatchFolder folder, String purpose, String sender, Environment env, int parts)
            throws IOException {
        Path dir = outbox.folder(user, folder);
        Files.createDirectories(dir);
        String sequence = String.format("%05d", SEQUENCE.incrementAndGet());
        LocalDate date = LocalDate.now();
        List<BatchFileName> data = new ArrayList<>();
        List<BatchFileName> signatures = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BatchSignature signer = new BatchSignature(senderKey.privateKey(), senderKey.certificate());
        for (int part = 1; part <= parts; part++) {
            BatchFileName fi = BatchFileName.fi(purpose, sender, date, sequence, env, parts, part);
            byte[] content = ("<Part n=\"" + part + "\">" + UUID.randomUUID() + "</Part>\n")
                    .getBytes(StandardCharsets.UTF_8);
            body.write(content);
            files.add(Files.write(dir.resolve(fi.toString()), content));
            data.add(fi);
            if (env == Environment.R) {
                files.add(Files.write(dir.resolve(fi.signature().toString()), signer.sign(dir.resolve(fi.toString()))));
                signatures.add(fi.signature());
            }
        }
        BatchFileName go = data.get(0).go();
        files.add(Files.write(dir.resolve(go.toString()), new byte[0]));
        Transmission transmission = new Transmission(go.transmission(), data, signatures, go);
        return new Upload(user, folder, go.transmission(), transmission, files, body.toByteArray());
    }

    private void fire(Upload upload, List<Finding> findings) {
        checked.fire(new TransmissionChecked(upload.user(), upload.folder(), Optional.of(upload.id()),
                Optional.of(upload.transmission()), upload.files(), Optional.empty(), findings));
    }

    private Row row(Upload upload) throws Exception {
        return repository.latest(upload.user(), upload.folder(), upload.id().toString()).orElseThrow();
    }

    /** Puts the archived uploads back into IN/INTEST, as if the archive step had not happened. */
    private void restore(Upload upload, Row row) throws IOException {
        Path archive = outbox.archiveDir(upload.user(), upload.folder(), row.id());
        for (Path file : upload.files()) {
            Files.copy(archive.resolve(file.getFileName()), file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void setState(long id, State state) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE batch_transmission SET state = ? WHERE id = ?")) {
            update.setString(1, state.name());
            update.setLong(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private void assertArchived(Upload upload, Row row) {
        Path archive = outbox.archiveDir(upload.user(), upload.folder(), row.id());
        for (Path file : upload.files()) {
            assertThat(file).as("left IN/INTEST").doesNotExist();
            assertThat(archive.resolve(file.getFileName())).as("archived").exists();
        }
    }

    private void assertSignedByPlatform(Path fo, Path fs) throws Exception {
        PlatformSigningKey platform = outbox.platformKey();
        assertThat(new BatchSignatureVerifier(List.of(platform.certificate())).verify(fo, fs, Instant.now())
                .isValid()).isTrue();
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            return;
        }
        Path dir = Files.createTempDirectory(BatchOutProfile.DATA, "openssl");
        Path der = Files.write(dir.resolve("fs.der"), Base64.getMimeDecoder().decode(Files.readAllBytes(fs)));
        Path cert = Files.writeString(dir.resolve("cert.pem"), PlatformSigningKey.pem(platform.certificate()));
        Process process = new ProcessBuilder(openssl.toString(), "cms", "-verify", "-binary", "-inform", "DER",
                "-in", der.toString(), "-content", fo.toString(), "-CAfile", cert.toString(), "-purpose", "any",
                "-out", "/dev/null").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Verification successful");
    }

    private static List<String> arrivals(WatchService watch, String last) throws InterruptedException {
        List<String> names = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!names.contains(last) && System.nanoTime() < deadline) {
            WatchKey key = watch.poll(1, TimeUnit.SECONDS);
            if (key == null) {
                continue;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path p) {
                    String name = p.getFileName().toString();
                    if (name.startsWith("FO.ACRF.") || name.startsWith("FS.ACRF.") || name.startsWith("GO.ACRF.")) {
                        names.add(name);
                    }
                }
            }
            key.reset();
        }
        return names;
    }

    /** The ACRF files (FO) in {@code out} whose content names the transmission. */
    private static List<String> acrfsNaming(Path out, TransmissionId id) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().startsWith("FO.ACRF.")).filter(p -> {
                try {
                    return Files.readString(p).contains("<TransmissionId>" + id + "</TransmissionId>");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> p.getFileName().toString()).toList();
        }
    }

    private static Element xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(AcknowledgementDocument.NAMESPACE);
        assertThat(root.getLocalName()).isEqualTo("Acknowledgement");
        return root;
    }

    private static String text(Element root, String name) {
        return root.getElementsByTagNameNS(AcknowledgementDocument.NAMESPACE, name).item(0).getTextContent();
    }

    private static List<String> texts(Element root, String name) {
        NodeList nodes = root.getElementsByTagNameNS(AcknowledgementDocument.NAMESPACE, name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static List<String> findingRules(Element root) {
        NodeList nodes = root.getElementsByTagNameNS(AcknowledgementDocument.NAMESPACE, "Finding");
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            rules.add(((Element) nodes.item(i)).getAttribute("rule"));
        }
        return rules;
    }

    private static JsonObject answer(String requestId, String batchId, int group, byte[] content, byte[] signature) {
        return new JsonObject().put("type", "BatchAnswer").put("version", 1)
                .put("consumer", "batch-channel:" + EMPLOYER).put("requestId", requestId).put("batchId", batchId)
                .put("group", group).put("groups", 1).put("refused", false)
                .put("content", Base64.getEncoder().encodeToString(content))
                .put("signature", Base64.getEncoder().encodeToString(signature));
    }

    private static void send(JsonObject answer, Map<String, String> properties) throws Exception {
        Vertx vertx = Vertx.vertx();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(SharedDevStack.get().broker().amqpHost()).setPort(SharedDevStack.get().broker().amqpPort()));
        try {
            AmqpConnection connection = get(client.connect());
            AmqpSender sender = get(connection.createSender(Addresses.BATCH_ANSWERS));
            JsonObject applicationProperties = new JsonObject();
            properties.forEach(applicationProperties::put);
            get(sender.sendWithAck(AmqpMessage.create().durable(true).contentType("application/json")
                    .applicationProperties(applicationProperties).withBody(answer.encode()).build()));
        } finally {
            get(client.close());
            get(vertx.close());
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private String writtenAnswer(String batchId, int group) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT fo_name FROM batch_answer WHERE answer_key = ? AND group_no = ? AND written_at IS NOT NULL")) {
            query.setString(1, batchId);
            query.setInt(2, group);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private int answerRows(String batchId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT count(*) FROM batch_answer WHERE answer_key = ?")) {
            query.setString(1, batchId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** One message as its consumer would receive it. */
    record Received(byte[] body, Map<String, Object> properties) {
    }

    /** Takes every message of {@code queue} matching {@code selector} that arrives within 2 s of the previous one. */
    private static List<Received> take(String queue, String selector) throws Exception {
        List<Received> taken = new ArrayList<>();
        try (ServerLocator locator = ActiveMQClient.createServerLocator(SharedDevStack.get().broker().coreUrl());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            session.start();
            try (ClientConsumer consumer = session.createConsumer(SimpleString.of(queue), SimpleString.of(selector))) {
                ClientMessage m;
                while ((m = consumer.receive(2_000)) != null) {
                    m.acknowledge();
                    byte[] body;
                    if (m.getType() == org.apache.activemq.artemis.api.core.Message.TEXT_TYPE) {
                        // The broker shows an AMQP data section with a textual content type (application/xml)
                        // to a core consumer as text; AMQP consumers (debt-service) get the data section itself.
                        body = m.getBodyBuffer().readNullableSimpleString().toString().getBytes(StandardCharsets.UTF_8);
                    } else {
                        body = new byte[m.getBodySize()];
                        m.getBodyBuffer().readBytes(body);
                    }
                    Map<String, Object> properties = new HashMap<>();
                    for (SimpleString name : m.getPropertyNames()) {
                        Object value = m.getObjectProperty(name);
                        properties.put(name.toString(), value == null ? null : value.toString());
                    }
                    taken.add(new Received(body, properties));
                }
            }
        }
        return taken;
    }
}
