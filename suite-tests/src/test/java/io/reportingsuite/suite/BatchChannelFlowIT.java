package io.reportingsuite.suite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.debt.DemoLedger;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 12's "done when" over the packaged jars: the Belgian batch channel (SPEC §5) driven the way a sender
 * drives socialsecurity.be's — FI/FS/GO uploaded with the OpenSSH {@code sftp} client into the demo channels
 * {@code ./suite up} registers (keys and certificates from {@code scripts/batch-channel-material.sh}, FS made by
 * {@code openssl cms -sign}), the platform's ACRF and answers read from OUT/OUTTEST and their signatures checked
 * with {@code openssl cms -verify} against the platform certificate. debt-service answers the EACB queries;
 * the FLAC purpose goes byte-identical to {@code batch.fla}. Every formal error of the issue gets a negative
 * ACRF naming it, and nothing of it reaches debt-service or {@code batch.fla}. Killing ingest in the middle of
 * a transmission, and receipt before an answer, loses and duplicates nothing.
 */
@ExtendWith(RunningSuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchChannelFlowIT {

    private static final Duration FLOW = Duration.ofSeconds(120);
    private static final String FLA_QUEUE = "batch.fla";
    private static final String ACRF_NAMESPACE = "urn:reportingsuite:batch:acknowledgement:1";

    /** Demo-ledger employers (contracts' DemoLedger: employer i has profile i % 12). */
    private static final int LEDGER_EMPLOYERS = 24;
    /** The employers the demo mandates name (scripts/batch-mandates.sh): BE_SOCSEC holds 2, 3, 4; 5 expired. */
    private static final String MANDATED = DemoLedger.companyId(2);
    private static final String EXPIRED_MANDATE = DemoLedger.companyId(5);
    private static final String NO_MANDATE = DemoLedger.companyId(8);

    private static boolean prepared;
    private static Path platformCertificate;

    @BeforeEach
    void prepare(Suite suite) throws Exception {
        platformCertificate = suite.platformCertificate();
        synchronized (BatchChannelFlowIT.class) {
            if (prepared) {
                return;
            }
            suite.startDebtService();
            loadLedger(suite);
            Process mandates = new ProcessBuilder("bash", suite.root().resolve("scripts/batch-mandates.sh").toString(),
                    suite.ingestUrl()).redirectErrorStream(true)
                    .redirectOutput(suite.logs().resolve("batch-mandates.log").toFile()).start();
            assertThat(mandates.waitFor()).as("scripts/batch-mandates.sh; see " + suite.logs()
                    .resolve("batch-mandates.log")).isZero();
            prepared = true;
        }
    }

    @Test
    @Order(1)
    void aSignedDebtQueryInInGetsAPositiveAcrfThenASignedAnswerThatMatchesDebtServicesRestAnswers(Suite suite)
            throws Exception {
        BatchChannel employer = BatchChannel.of(suite, "BE_EMPLOYER");
        List<String> employers = IntStream.range(0, 12).mapToObj(DemoLedger::companyId).toList();
        String sequence = BatchChannel.nextSequence();
        String id = employer.transmissionId("EACB", sequence, "R");
        byte[] fi = BatchChannel.debtQuery(employer.companyId, "ART_30BIS", employers);

        BatchChannel.Exec upload = employer.upload("IN", transmission(id, fi, employer.sign(fi, "sha256"), 1));
        assertThat(upload.exit()).as(upload.output()).isZero();

        BatchChannel.Out acrf = employer.awaitOut("OUT", "ACRF", "<TransmissionId>" + id + "</TransmissionId>", FLOW);
        assertThat(result(acrf)).as(acrf.content()).isEqualTo("POSITIVE");
        assertThat(BatchChannel.opensslVerifies(acrf.fo(), acrf.fs(), suite.platformCertificate()))
                .as("openssl cms -verify of " + acrf.fo().getFileName()).isTrue();
        assertThat(acrf.fo().getFileName().toString()).matches("FO\\.ACRF\\.999999\\.\\d{8}\\.[A-Z0-9]{5}\\.R");

        BatchChannel.Out answer = employer.awaitOut("OUT", "EACR", "<RequestId>" + id + "</RequestId>", FLOW);
        assertThat(answer.fo().getFileName().toString())
                .matches("FO\\.EACR\\.999999\\.\\d{8}\\.[A-Z0-9]{5}\\.R\\.1\\.1");
        assertThat(BatchChannel.opensslVerifies(answer.fo(), answer.fs(), suite.platformCertificate()))
                .as("openssl cms -verify of " + answer.fo().getFileName()).isTrue();
        // The signature covers exactly these bytes: one byte changed and openssl refuses it.
        Path tampered = Files.createTempFile(suite.ingestData(), "tampered", ".xml");
        Files.writeString(tampered, answer.content().replaceFirst("<GroupNumber>", "<GroupNumber> "));
        assertThat(BatchChannel.opensslVerifies(tampered, answer.fs(), suite.platformCertificate())).isFalse();

        // Each item as debt-service's REST API answers the same question.
        Document doc = parse(answer.content());
        NodeList details = doc.getElementsByTagNameNS(BatchChannel.NAMESPACE, "BatchResponseDetail");
        assertThat(details.getLength()).isEqualTo(employers.size());
        for (int i = 0; i < details.getLength(); i++) {
            Element detail = (Element) details.item(i);
            int position = Integer.parseInt(text(detail, "Position"));
            String company = employers.get(position);
            Element response = (Element) detail.getElementsByTagNameNS(BatchChannel.NAMESPACE, "Response").item(0);
            JsonPath rest = given().auth().preemptive().basic("inspector", "inspector-secret")
                    .get(suite.debtUrl() + "/api/v1/employers/" + company + "/balance?legalContext=ART_30BIS")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(text(response, "ResultCode")).as(company).isEqualTo(rest.getString("resultCode"));
            assertThat(text(response, "BalanceAnalysisResult")).as(company)
                    .isEqualTo(rest.getString("balanceAnalysisResult"));
            assertThat(text(response, "Withholding")).as(company).isEqualTo(rest.getString("withholding"));
        }
        assertThat(employer.files("IN")).as("the transmission left IN").isEmpty();
    }

    @Test
    @Order(2)
    void intestWithoutFsIsAcknowledgedAndAnsweredInOuttest(Suite suite) throws Exception {
        BatchChannel employer = BatchChannel.of(suite, "BE_EMPLOYER");
        String id = employer.transmissionId("EACB", BatchChannel.nextSequence(), "T");
        byte[] fi = BatchChannel.debtQuery(employer.companyId, "ART_30BIS",
                List.of(DemoLedger.companyId(3), DemoLedger.companyId(4)));
        BatchChannel.Exec upload = employer.upload("INTEST", transmission(id, fi, null, 1));
        assertThat(upload.exit()).as(upload.output()).isZero();

        BatchChannel.Out acrf = employer.awaitOut("OUTTEST", "ACRF", "<TransmissionId>" + id + "</TransmissionId>",
                FLOW);
        assertThat(result(acrf)).as(acrf.content()).isEqualTo("POSITIVE");
        assertThat(acrf.fo().getFileName().toString()).endsWith(".T");
        BatchChannel.Out answer = employer.awaitOut("OUTTEST", "EACR", "<RequestId>" + id + "</RequestId>", FLOW);
        assertThat(answer.fo().getFileName().toString()).endsWith(".T.1.1");
        assertThat(BatchChannel.opensslVerifies(answer.fo(), answer.fs(), suite.platformCertificate())).isTrue();
        assertThat(parse(answer.content()).getElementsByTagNameNS(BatchChannel.NAMESPACE, "BatchResponseDetail")
                .getLength()).isEqualTo(2);
        assertThat(employer.allOut("OUT", "ACRF", id)).as("nothing of a test transmission in OUT").isEmpty();
    }

    @Test
    @Order(3)
    void aSocialSecretariatUnderAnActiveMandateIsAnswered(Suite suite) throws Exception {
        BatchChannel socsec = BatchChannel.of(suite, "BE_SOCSEC");
        String id = socsec.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        byte[] fi = BatchChannel.debtQuery(MANDATED, "ART_30BIS", List.of(DemoLedger.companyId(6)));
        assertThat(socsec.upload("IN", transmission(id, fi, socsec.sign(fi, "sha1"), 1)).exit()).isZero();
        BatchChannel.Out acrf = socsec.awaitOut("OUT", "ACRF", "<TransmissionId>" + id + "</TransmissionId>", FLOW);
        assertThat(result(acrf)).as(acrf.content()).isEqualTo("POSITIVE");
        socsec.awaitOut("OUT", "EACR", "<RequestId>" + id + "</RequestId>", FLOW);
    }

    @Test
    @Order(4)
    void everyFormalErrorGetsANegativeAcrfNamingItAndNothingReachesDebtServiceOrTheFlaAddress(Suite suite)
            throws Exception {
        BatchChannel employer = BatchChannel.of(suite, "BE_EMPLOYER");
        BatchChannel socsec = BatchChannel.of(suite, "BE_SOCSEC");
        BatchChannel provider = BatchChannel.of(suite, "BE_PROVIDER");
        long batchesBefore = debtBatchesFromTheChannel(suite);
        long flaBefore = suite.stack().broker().messageCount(FLA_QUEUE);
        String today = BatchChannel.DATE.format(LocalDate.now());
        byte[] fi = BatchChannel.debtQuery(employer.companyId, "ART_30BIS", List.of(DemoLedger.companyId(1)));
        byte[] fs = employer.sign(fi, "sha256");
        List<String> failures = new ArrayList<>();

        // bad name: an environment letter that does not exist
        String badName = "EACB." + employer.senderNumber + "." + today + "." + BatchChannel.nextSequence() + ".X";
        expectNegative(failures, "bad name", employer, "IN", transmission(badName, fi, fs, 1),
                "FI." + badName + ".1.1", "^B07:");
        // bad date: 13th month
        String badDate = "EACB." + employer.senderNumber + ".20261332." + BatchChannel.nextSequence() + ".R";
        expectNegative(failures, "bad date", employer, "IN", transmission(badDate, fi, fs, 1),
                "FI." + badDate + ".1.1", "^B05:");
        // wrong sender number: BE_EMPLOYER names BE_SOCSEC's
        String otherSender = "EACB." + socsec.senderNumber + "." + today + "." + BatchChannel.nextSequence() + ".R";
        expectNegative(failures, "wrong sender number", employer, "IN", transmission(otherSender, fi, fs, 1),
                otherSender, "^C02:");
        // an R transmission in INTEST
        String rInTest = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        expectNegative(failures, "R file in INTEST", employer, "INTEST", transmission(rInTest, fi, fs, 1),
                rInTest, "^T02:");
        // missing part: GO announces 2 parts, only part 1 is there
        String missing = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        Map<String, byte[]> partial = new LinkedHashMap<>();
        partial.put("FI." + missing + ".2.1", fi);
        partial.put("FS." + missing + ".2.1", fs);
        partial.put("GO." + missing + ".2", new byte[0]);
        expectNegative(failures, "missing part", employer, "IN", partial, missing, "^T04:");
        // GO not empty
        String goNotEmpty = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        Map<String, byte[]> notEmpty = transmission(goNotEmpty, fi, fs, 1);
        notEmpty.put("GO." + goNotEmpty + ".1", "done\n".getBytes(StandardCharsets.US_ASCII));
        expectNegative(failures, "GO not empty", employer, "IN", notEmpty, goNotEmpty, "^C03:");
        // GO before FI: the GO alone is judged at once (T03); FI and FS arriving later form no transmission
        String goFirst = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        expectNegative(failures, "GO before FI", employer, "IN", Map.of("GO." + goFirst + ".1", new byte[0]),
                goFirst, "^T03:");
        // bad signature: the FS of other content
        String badSignature = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        expectNegative(failures, "bad signature", employer, "IN",
                transmission(badSignature, fi, employer.sign("other content".getBytes(StandardCharsets.UTF_8),
                        "sha256"), 1), badSignature, "^S07:");
        // MD5
        String md5 = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        expectNegative(failures, "MD5", employer, "IN", transmission(md5, fi, employer.sign(fi, "md5"), 1), md5,
                "^S03:");
        // a certificate not registered for the channel: BE_EMPLOYER's file signed with BE_SOCSEC's key
        String foreign = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        expectNegative(failures, "certificate not registered", employer, "IN",
                transmission(foreign, fi, socsec.sign(fi, "sha256"), 1), foreign, "^S04:.*not registered");
        // no mandate: BE_SOCSEC for an employer that gave it none
        String noMandate = socsec.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        byte[] forNoMandate = BatchChannel.debtQuery(NO_MANDATE, "ART_30BIS", List.of(NO_MANDATE));
        expectNegative(failures, "no mandate", socsec, "IN",
                transmission(noMandate, forNoMandate, socsec.sign(forNoMandate, "sha256"), 1), noMandate,
                "^M03:");
        // expired mandate
        String expired = socsec.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        byte[] forExpired = BatchChannel.debtQuery(EXPIRED_MANDATE, "ART_30BIS", List.of(EXPIRED_MANDATE));
        expectNegative(failures, "expired mandate", socsec, "IN",
                transmission(expired, forExpired, socsec.sign(forExpired, "sha256"), 1), expired,
                "^M04:");
        // an FLA file by a service provider without an FLA mandate never reaches batch.fla either
        String flaNoMandate = provider.transmissionId("FLAC", BatchChannel.nextSequence(), "R");
        byte[] fla = flaDeclaration(NO_MANDATE);
        expectNegative(failures, "FLA without mandate", provider, "IN",
                transmission(flaNoMandate, fla, provider.sign(fla, "sha256"), 1), flaNoMandate, "^M03:");

        assertThat(failures).as("negative ACRFs").isEmpty();
        // Give a wrongly routed message time to show, then: nothing at debt-service, nothing on batch.fla.
        Thread.sleep(3_000);
        assertThat(debtBatchesFromTheChannel(suite)).as("batches debt-service holds from the channel")
                .isEqualTo(batchesBefore);
        assertThat(suite.stack().broker().messageCount(FLA_QUEUE)).as(FLA_QUEUE).isEqualTo(flaBefore);
    }

    @Test
    @Order(5)
    void aFlacTransmissionOfATrainingProviderArrivesByteIdenticalOnTheFlaAddress(Suite suite) throws Exception {
        BatchChannel training = BatchChannel.of(suite, "BE_TRAINING");
        String id = training.transmissionId("FLAC", BatchChannel.nextSequence(), "R");
        byte[] fla = flaDeclaration(training.companyId);
        assertThat(training.upload("IN", transmission(id, fla, training.sign(fla, "sha256"), 1)).exit()).isZero();
        BatchChannel.Out acrf = training.awaitOut("OUT", "ACRF", "<TransmissionId>" + id + "</TransmissionId>", FLOW);
        assertThat(result(acrf)).as(acrf.content()).isEqualTo("POSITIVE");
        assertThat(BatchChannel.opensslVerifies(acrf.fo(), acrf.fs(), suite.platformCertificate())).isTrue();
        assertThat(receiveFla(suite)).as("the FI bytes on " + FLA_QUEUE).isEqualTo(fla);
    }

    @Test
    @Order(6)
    void ingestKilledInTheMiddleOfATransmissionLosesAndDuplicatesNothing(Suite suite) throws Exception {
        BatchChannel employer = BatchChannel.of(suite, "BE_EMPLOYER");
        String id = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        byte[] fi = BatchChannel.debtQuery(employer.companyId, "ART_30BIS", List.of(DemoLedger.companyId(7)));
        Map<String, byte[]> files = transmission(id, fi, employer.sign(fi, "sha256"), 1);
        String go = "GO." + id + ".1";
        byte[] goContent = files.remove(go);
        assertThat(employer.upload("IN", files).exit()).isZero();

        suite.restart("ingest-service"); // kill -9, start again
        assertThat(employer.upload("IN", Map.of(go, goContent)).exit()).isZero();

        employer.awaitOut("OUT", "EACR", "<RequestId>" + id + "</RequestId>", FLOW);
        Thread.sleep(5_000); // a duplicate would be written right after the first
        assertThat(employer.allOut("OUT", "ACRF", "<TransmissionId>" + id + "</TransmissionId>")).hasSize(1);
        assertThat(employer.allOut("OUT", "EACR", "<RequestId>" + id + "</RequestId>")).hasSize(1);
    }

    @Test
    @Order(7)
    void receiptKilledBeforeAnAnswerLosesAndDuplicatesNothing(Suite suite) throws Exception {
        BatchChannel employer = BatchChannel.of(suite, "BE_EMPLOYER");
        long outBefore = employer.files("OUT").size();
        suite.kill("receipt-service");
        String id = employer.transmissionId("EACB", BatchChannel.nextSequence(), "R");
        byte[] fi = BatchChannel.debtQuery(employer.companyId, "ART_30BIS",
                List.of(DemoLedger.companyId(9), DemoLedger.companyId(10)));
        assertThat(employer.upload("IN", transmission(id, fi, employer.sign(fi, "sha256"), 1)).exit()).isZero();
        BatchChannel.Out acrf = employer.awaitOut("OUT", "ACRF", "<TransmissionId>" + id + "</TransmissionId>", FLOW);
        assertThat(result(acrf)).isEqualTo("POSITIVE");
        Thread.sleep(5_000); // debt-service answers meanwhile; nobody renders it
        assertThat(employer.allOut("OUT", "EACR", "<RequestId>" + id + "</RequestId>")).isEmpty();

        suite.restart("receipt-service");
        employer.awaitOut("OUT", "EACR", "<RequestId>" + id + "</RequestId>", FLOW);
        Thread.sleep(5_000);
        assertThat(employer.allOut("OUT", "EACR", "<RequestId>" + id + "</RequestId>")).hasSize(1);
        // ACRF (FO, FS, GO) and one answer (FO, FS, GO): six new files in OUT, no more.
        assertThat(employer.files("OUT")).hasSize((int) outBefore + 6);
    }

    // ---------------------------------------------------------------------------------------------------

    /** FI (+ FS when given) and the empty GO of a one-part transmission, in upload order (GO last). */
    private static Map<String, byte[]> transmission(String id, byte[] fi, byte[] fs, int parts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("FI." + id + "." + parts + ".1", fi);
        if (fs != null) {
            files.put("FS." + id + "." + parts + ".1", fs);
        }
        files.put("GO." + id + "." + parts, new byte[0]);
        return files;
    }

    /**
     * Uploads {@code files} and expects a NEGATIVE ACRF containing {@code marker} (the transmission id, or a file
     * name when the names give none) in the folder's OUT side, with a finding matching {@code finding}. A
     * failure is collected so that one run shows every check.
     */
    private static void expectNegative(List<String> failures, String what, BatchChannel channel, String folder,
            Map<String, byte[]> files, String marker, String finding) throws Exception {
        BatchChannel.Exec upload = channel.upload(folder, files);
        assertThat(upload.exit()).as(what + ": " + upload.output()).isZero();
        String out = folder.equals("IN") ? "OUT" : "OUTTEST";
        BatchChannel.Out acrf;
        try {
            acrf = channel.awaitOut(out, "ACRF", marker, FLOW);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            failures.add(what + ": no ACRF containing " + marker + " in " + channel.user + "'s " + out);
            return;
        }
        if (!"NEGATIVE".equals(result(acrf))) {
            failures.add(what + ": not NEGATIVE: " + acrf.content());
            return;
        }
        List<String> findings = findings(acrf);
        Pattern expected = Pattern.compile(finding);
        if (findings.stream().noneMatch(f -> expected.matcher(f).find())) {
            failures.add(what + ": no finding matches /" + finding + "/: " + findings);
        }
        if (!BatchChannel.opensslVerifies(acrf.fo(), acrf.fs(), platformCertificate)) {
            failures.add(what + ": the ACRF's signature does not verify");
        }
    }

    private static String result(BatchChannel.Out acrf) throws Exception {
        return text(parse(acrf.content()).getDocumentElement(), "Result");
    }

    /** Each finding as {@code rule: sentence}. */
    private static List<String> findings(BatchChannel.Out acrf) throws Exception {
        NodeList list = parse(acrf.content()).getElementsByTagNameNS(ACRF_NAMESPACE, "Finding");
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element f = (Element) list.item(i);
            findings.add(f.getAttribute("rule") + ": " + f.getTextContent());
        }
        return findings;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String localName) {
        NodeList list = parent.getElementsByTagNameNS("*", localName);
        return list.getLength() == 0 ? null : list.item(0).getTextContent().trim();
    }

    /** An FLA declaration as the FLA processor outside the suite reads it; for the channel, opaque bytes. */
    private static byte[] flaDeclaration(String company) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<FederalLearningAccount><CompanyID>" + company
                + "</CompanyID><Training hours=\"16\">Veiligheid op de werf — Sécurité</Training>"
                + "</FederalLearningAccount>\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The demo ledger's first employers, as {@code ./suite up} loads it (scripts/endpoints.d/50-debt.sh). */
    private static void loadLedger(Suite suite) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        DemoLedger.write(json, "batch-channel-it-" + LocalDate.now(), 0, LEDGER_EMPLOYERS, LocalDate.now(), 8);
        int status = given().auth().preemptive().basic("ledger", "ledger-secret").contentType("application/json")
                .body(json.toByteArray()).post(suite.debtUrl() + "/api/v1/ledger/imports").statusCode();
        assertThat(status).as("demo ledger import").isIn(200, 201);
    }

    /** Batches debt-service holds whose consumer is a batch channel ({@code batch-channel:<user>}). */
    private static long debtBatchesFromTheChannel(Suite suite) throws SQLException {
        Map<String, String> db = suite.stack().quarkusConfig("debt");
        try (Connection c = DriverManager.getConnection(db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"), db.get("quarkus.datasource.password"));
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from debt_batch where consumer like 'batch-channel:%'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Takes the message on batch.fla (core protocol) and returns its body. The broker shows an AMQP data section
     * with a textual content type (application/xml) to a core consumer as text, so such a body is re-encoded as
     * UTF-8 (the FLA file here is UTF-8, with CR LF and non-ASCII characters); any other body is taken as bytes.
     */
    private static byte[] receiveFla(Suite suite) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(suite.stack().broker().coreUrl());
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession()) {
            session.start();
            try (ClientConsumer consumer = session.createConsumer(FLA_QUEUE)) {
                ClientMessage message = consumer.receive(FLOW.toMillis());
                if (message == null) {
                    throw new AssertionError("nothing on " + FLA_QUEUE + " within " + FLOW);
                }
                message.acknowledge();
                if (message.getType() == org.apache.activemq.artemis.api.core.Message.TEXT_TYPE) {
                    return message.getBodyBuffer().readNullableSimpleString().toString()
                            .getBytes(StandardCharsets.UTF_8);
                }
                byte[] body = new byte[message.getBodySize()];
                message.getBodyBuffer().readBytes(body);
                return body;
            }
        }
    }
}
