package io.reportingsuite.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE §6: full submissions with a known CPR (accepted, refused for content, malformed) — neither
 * the log output (every level, every logger of the application) nor any answer contains the CPR or the
 * payload (nor the payload encryption key).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class PersonalDataNeverLeavesTest {

    /** Person_CPR-nr of record 2101 in samples/eindkomst/ky-valid.txt and ky-invalid.txt. */
    private static final String CPR = "0102311234";

    /** The current payload key (test profile): key material is never logged either. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "ingest.payload-encryption.keys.test-2")
    String payloadKey;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter().append(formatter.formatMessage(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            synchronized (logged) {
                logged.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger root = Logger.getLogger("");
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        Logger.getLogger("io.reportingsuite").setLevel(Level.ALL);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void neitherLogsNorAnswersContainTheCprOrThePayload() {
        String valid = Samples.newId('A');
        byte[] validFile = Samples.withId("ky-valid.txt", valid);
        assertThat(new String(validFile, StandardCharsets.ISO_8859_1)).contains(CPR);
        String invalid = Samples.newId('A');
        byte[] invalidFile = Samples.withId("ky-invalid.txt", invalid);
        assertThat(new String(invalidFile, StandardCharsets.ISO_8859_1)).contains(CPR);

        List<String> answers = new ArrayList<>();
        answers.add(ky().contentType(Soap.CONTENT_TYPE).body(Soap.request(valid, validFile)).post(Soap.PATH)
                .then().statusCode(200).extract().asString());
        answers.add(ky().contentType(Soap.CONTENT_TYPE).body(Soap.request(invalid, invalidFile)).post(Soap.PATH)
                .then().statusCode(500).extract().asString());
        answers.add(ky().contentType(ContentType.JSON).body(Map.of("hovedIndberetningId", invalid, "indberetning",
                Base64.getEncoder().encodeToString(invalidFile))).post("/api/v1/indberetninger")
                .then().statusCode(422).extract().asString());
        // Malformed Base64 and a schema-invalid id: CXF's own error texts would quote the value.
        answers.add(ky().contentType(Soap.CONTENT_TYPE).body(Soap.request(invalid, invalidFile)
                .replace("<s:Indberetning>", "<s:Indberetning>!")).post(Soap.PATH)
                .then().statusCode(500).extract().asString());
        answers.add(ky().contentType(Soap.CONTENT_TYPE).body(Soap.request(CPR, validFile)).post(Soap.PATH)
                .then().statusCode(500).extract().asString());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                answers.add(ky().get("/api/v1/indberetninger/" + valid).then().statusCode(200)
                        .body("state", org.hamcrest.Matchers.equalTo("QUEUED")).extract().asString()));

        List<String> secrets = new ArrayList<>(List.of(CPR, Base64.getEncoder().encodeToString(validFile)
                .substring(0, 40), Base64.getEncoder().encodeToString(invalidFile).substring(40, 80)));
        for (String line : new String(invalidFile, StandardCharsets.ISO_8859_1).split("\r\n")) {
            secrets.add(line.substring(Math.min(11, line.length())).strip());
        }
        secrets.add(payloadKey);
        secrets.removeIf(s -> s.length() < 8);
        List<String> logLines;
        synchronized (logged) {
            logLines = List.copyOf(logged);
        }
        assertThat(logLines).anySatisfy(l -> assertThat(l).contains(valid));
        for (String secret : secrets) {
            assertThat(logLines).noneMatch(l -> l.contains(secret));
            assertThat(answers).noneMatch(a -> a.contains(secret));
        }
    }

    private static io.restassured.specification.RequestSpecification ky() {
        return given().auth().preemptive().basic("ky", "ky-secret");
    }
}
