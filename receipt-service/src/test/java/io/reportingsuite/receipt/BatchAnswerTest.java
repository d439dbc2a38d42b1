package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.batch.BatchSignatureVerifier;
import io.reportingsuite.contracts.batch.SignatureVerdict;
import io.reportingsuite.receipt.batch.BatchResponseWriter;
import io.reportingsuite.support.signing.PlatformSigningKey;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch channel's answers on the real broker: debt-service's groups on {@code debt.batch-results} (played
 * by the test) become {@code BatchAnswer}s on {@code batch.answers} whose content is a schema-valid
 * BatchResponse and whose signature verifies with the platform certificate, by our verifier and by OpenSSL.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class BatchAnswerTest {

    static final String CHANNEL = "batch-channel:BE_SOCSEC";
    static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private static AmqpTestClient amqp;
    private static final List<JsonObject> ANSWERS = new CopyOnWriteArrayList<>();
    private static Thread drain;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "suite.platform-signing.certificate")
    Path certificate;

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient();
        BlockingQueue<AmqpMessage> queue = amqp.receive("batch.answers");
        drain = new Thread(() -> {
            try {
                while (true) {
                    AmqpMessage m = queue.take();
                    JsonObject answer = new JsonObject(m.bodyAsString());
                    answer.put("_duplicateId", String.valueOf(m.applicationProperties().getValue("_AMQ_DUPL_ID")));
                    answer.put("_durable", m.isDurable());
                    ANSWERS.add(answer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void close() {
        drain.interrupt();
        amqp.close();
    }

    static String requestId() {
        return "EACB.100002.20261207." + UUID.randomUUID().toString().substring(0, 5).toUpperCase() + ".R";
    }

    static JsonObject results(String consumer, String requestId, String batchId, int group, int groups) {
        JsonObject ok = new JsonObject("""
                {"position": 1000, "item": {"companyId": "0403170701"},
                 "answer": {"resultCode": "OK", "legalContext": "ART_30BIS",
                   "employerId": {"companyId": "0403170701", "nossRegistrationNbr": "0123456789"},
                   "denomination": "Bakkerij <De Eik> & Zonen", "balanceAmounts": {"contributionTotalAmount": 312500,
                   "totalIncreases": 1200, "totalInterests": 300, "totalLegalCosts": 0},
                   "balanceAnalysisResult": "DEBT_ABOVE_THRESHOLD", "withholding": "JA",
                   "isPaymentPlanFollowed": false, "closingDate": "2026-12-02", "closingQuarter": "2026Q3",
                   "missingDeclarationQuarters": ["2026Q2"], "disputes": [{"disputeType": "CONTRIBUTION", "amount": 500}],
                   "attestationTimestamp": "2026-12-07T10:15:30.123456Z"}}""");
        JsonObject notFound = new JsonObject("""
                {"position": 1001, "item": {"nossRegistrationNbr": "0999999999"},
                 "answer": {"resultCode": "NOT_FOUND", "legalContext": "ART_30BIS", "withholding": "NO_DATA"}}""");
        JsonObject invalid = new JsonObject("""
                {"position": 1002, "item": {},
                 "answer": {"resultCode": "INVALID_REQUEST", "errorId": "EMPLOYER_ID_NOT_EXACTLY_ONE",
                   "legalContext": "ART_30BIS"}}""");
        return new JsonObject().put("type", "DebtBatchResults").put("version", 1).put("batchId", batchId)
                .put("requestId", requestId).put("consumer", consumer).put("environment", "R")
                .put("mandant", "0403170701").put("legalContext", "ART_30BIS").put("group", group)
                .put("groups", groups).put("total", 2003)
                .put("results", new io.vertx.core.json.JsonArray(List.of(ok, notFound, invalid)));
    }

    static void send(JsonObject document) {
        amqp.send("debt.batch-results", document.encode().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static List<JsonObject> answersFor(String requestId) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonObject a : ANSWERS) {
            if (requestId.equals(a.getString("requestId"))) {
                found.add(a);
            }
        }
        return found;
    }

    static JsonObject awaitAnswer(String requestId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !answersFor(requestId).isEmpty());
        return answersFor(requestId).get(0);
    }

    @Test
    void aChannelGroupBecomesASignedSchemaValidBatchAnswer() throws Exception {
        String requestId = requestId();
        String batchId = UUID.randomUUID().toString();
        send(results(CHANNEL, requestId, batchId, 1, 3));
        JsonObject answer = awaitAnswer(requestId);

        assertThat(answer.getString("type")).isEqualTo("BatchAnswer");
        assertThat(answer.getInteger("version")).isEqualTo(1);
        assertThat(answer.getString("consumer")).isEqualTo(CHANNEL);
        assertThat(answer.getString("batchId")).isEqualTo(batchId);
        assertThat(answer.getInteger("group")).isEqualTo(1);
        assertThat(answer.getInteger("groups")).isEqualTo(3);
        assertThat(answer.getBoolean("refused")).isFalse();
        assertThat(answer.getString("environment")).isEqualTo("R");
        assertThat(answer.getString("_duplicateId")).isEqualTo("batch-answer:" + batchId + ":1");
        assertThat(answer.getBoolean("_durable")).isTrue();

        byte[] content = Base64.getDecoder().decode(answer.getString("content"));
        byte[] signature = Base64.getDecoder().decode(answer.getString("signature"));
        validate(content);
        String xml = new String(content, StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BatchResponse xmlns=")
                .contains("<GroupNumber>2</GroupNumber>", "<GroupCount>3</GroupCount>", "<Position>1000</Position>",
                        "<Denomination>Bakkerij &lt;De Eik> &amp; Zonen</Denomination>",
                        "<ErrorID>EMPLOYER_ID_NOT_EXACTLY_ONE</ErrorID>", "<Withholding>NO_DATA</Withholding>",
                        "<Quarter>2026Q2</Quarter>", "<Timestamp>2026-12-07T10:15:30.123456Z</Timestamp>");
        assertThat(new BatchResponseWriter().results(json.readTree(results(CHANNEL, requestId, batchId, 1, 3)
                .encode()))).as("deterministic").isEqualTo(content);

        assertSigned(content, signature);
        String[] lines = new String(signature, StandardCharsets.US_ASCII).split("\r", -1);
        assertThat(lines.length).isGreaterThan(1);
        assertThat(lines[0]).hasSize(76);
        assertThat(lines[lines.length - 1].length()).isBetween(1, 76);
        assertThat(new String(signature, StandardCharsets.US_ASCII)).doesNotContain("\n");
    }

    @Test
    void aRefusalForTheChannelIsASignedBatchLevelRefusal() throws Exception {
        String requestId = requestId();
        JsonObject refused = new JsonObject().put("type", "DebtBatchRefused").put("version", 1)
                .put("requestId", requestId).put("consumer", CHANNEL).put("environment", "T")
                .put("mandant", "0403170701")
                .put("refusals", new io.vertx.core.json.JsonArray().add(new JsonObject()
                        .put("pointer", "/BatchRequest/RequestDetail/3/EmployerId/CompanyID")
                        .put("reason", "Not valid against EmployerAccountBalance.xsd: cvc-maxLength-valid: …")
                        .put("line", 14).put("column", "48")));
        send(refused);
        JsonObject answer = awaitAnswer(requestId);
        assertThat(answer.getBoolean("refused")).isTrue();
        assertThat(answer.getString("environment")).isEqualTo("T");
        assertThat(answer.getString("_duplicateId")).isEqualTo("batch-answer:" + requestId + ":0");
        byte[] content = Base64.getDecoder().decode(answer.getString("content"));
        validate(content);
        assertThat(new String(content, StandardCharsets.UTF_8)).contains("<BatchRefusal>",
                "<Path>/BatchRequest/RequestDetail/3/EmployerId/CompanyID</Path>", "<Line>14</Line>",
                "<Column>48</Column>", "<GroupNumber>1</GroupNumber>").doesNotContain("<BatchId>");
        assertSigned(content, Base64.getDecoder().decode(answer.getString("signature")));
    }

    @Test
    void groupsOfOtherConsumersAreCountedAndNotAnswered() throws Exception {
        double before = counter("receipt.batch.results.not.for.channel", "DebtBatchResults");
        String requestId = requestId();
        send(results("inspector", requestId, UUID.randomUUID().toString(), 0, 1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> counter("receipt.batch.results.not.for.channel", "DebtBatchResults") > before);
        TimeUnit.SECONDS.sleep(2);
        assertThat(answersFor(requestId)).isEmpty();
    }

    @Test
    void aRedeliveredGroupIsAnsweredOnce() throws Exception {
        double before = metrics.counter("receipt.batch.answers.published", "refused", "false").count();
        String requestId = requestId();
        JsonObject group = results(CHANNEL, requestId, UUID.randomUUID().toString(), 0, 1);
        send(group);
        send(group);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                metrics.counter("receipt.batch.answers.published", "refused", "false").count() >= before + 2);
        TimeUnit.SECONDS.sleep(2);
        assertThat(answersFor(requestId)).as("the broker dropped the second copy").hasSize(1);
    }

    private double counter(String name, String type) {
        var c = metrics.find(name).tag("type", type).counter();
        return c == null ? 0 : c.count();
    }

    static void validate(byte[] content) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var xsd = BatchAnswerTest.class.getClassLoader().getResource("wsdl/EmployerAccountBalance.xsd");
        assertThat(xsd).as("contracts' XSD on the class path").isNotNull();
        factory.newSchema(xsd).newValidator().validate(new StreamSource(new ByteArrayInputStream(content)));
    }

    private void assertSigned(byte[] content, byte[] signature) throws Exception {
        var cert = PlatformSigningKey.readCertificate(certificate);
        SignatureVerdict verdict = new BatchSignatureVerifier(List.of(cert))
                .verify(new ByteArrayInputStream(content), signature, Instant.now());
        assertThat(verdict.isValid()).as(verdict.toString()).isTrue();
        byte[] tampered = content.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(new BatchSignatureVerifier(List.of(cert))
                .verify(new ByteArrayInputStream(tampered), signature, Instant.now()).isValid()).isFalse();
        if (!Files.isExecutable(OPENSSL)) {
            System.out.println("openssl not found at " + OPENSSL + ": the OpenSSL verification is skipped");
            return;
        }
        Path dir = Files.createTempDirectory("batch-answer-");
        Path fo = Files.write(dir.resolve("FO"), content);
        Path der = Files.write(dir.resolve("FS.der"), Base64.getMimeDecoder().decode(signature));
        Process p = new ProcessBuilder(OPENSSL.toString(), "cms", "-verify", "-binary", "-inform", "DER",
                "-in", der.toString(), "-content", fo.toString(), "-CAfile", certificate.toAbsolutePath().toString(),
                "-purpose", "any", "-out", dir.resolve("out").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Verification successful");
        Path bad = Files.write(dir.resolve("FO.bad"), tampered);
        Process q = new ProcessBuilder(OPENSSL.toString(), "cms", "-verify", "-binary", "-inform", "DER",
                "-in", der.toString(), "-content", bad.toString(), "-CAfile", certificate.toAbsolutePath().toString(),
                "-purpose", "any", "-out", dir.resolve("out2").toString()).redirectErrorStream(true).start();
        q.getInputStream().readAllBytes();
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).as("OpenSSL refuses a changed FO").isNotZero();
    }
}
