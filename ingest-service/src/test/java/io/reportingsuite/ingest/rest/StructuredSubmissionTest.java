package io.reportingsuite.ingest.rest;

import static io.reportingsuite.ingest.rest.IndberetningResourceTest.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonDecoder;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonSchema;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 end to end in ingest-service: structured JSON forsendelser encoded into the fixed-record file and
 * taken through the same path as a file (real broker, real PostgreSQL); the developer tools; the file for
 * the owner only.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class StructuredSubmissionTest {

    private static final String API = "/api/v1/indberetninger";
    private static final String TOOLS = "/api/v1/eindkomst";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    ForsendelseRepository repository;

    /** A KY report as a case system would write it: the content of samples/eindkomst/ky-valid.txt. */
    static ObjectNode kyReport(String id) throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {
                  "indberetter": {
                    "datoSendt": "2025-02-01", "klokSendt": "08:30:00",
                    "indberetterSeNr": "29800014", "indberetterCvrNr": "29800030", "indberetterType": "02",
                    "indberetningsmetode": "0", "edbSystem": "KOMBIT_KY", "edbSystemVersion": "1.0",
                    "hovedIndberetningsId": "%s", "formatVersion": "2.0", "testMarkering": "P", "system": "E"
                  },
                  "virksomhed": {"virksomhedSeNr": "31500028", "valutakode": "DKK"},
                  "ansaettelser": [
                    {"personCprNr": "0102311234", "ansaettelsesdato": "2025-01-01", "skattekortType": "1",
                     "anvendesFra": "2025-01-01"},
                    {"personCprNr": "1503421235", "ansaettelsesdato": "2025-01-01", "skattekortType": "1",
                     "anvendesFra": "2025-01-01"}
                  ],
                  "indkomster": [
                    {
                      "indberetningsId": "KY20250100000001", "loenperiodeStart": "2025-01-01",
                      "loenperiodeSlut": "2025-01-31", "dispositionsdato": "2025-02-03",
                      "forudBagudMarkering": "B", "indkomsttype": "06",
                      "personer": [
                        {"personCprNr": "0102311234", "linjer": [
                          {"recNr": "6001", "feltnr": "0014", "beloeb": 1050000, "fortegn": "+"},
                          {"recNr": "6001", "feltnr": "0015", "beloeb": 390000, "fortegn": "+"}]},
                        {"personCprNr": "1503421235", "linjer": [
                          {"recNr": "6001", "feltnr": "0014", "beloeb": 875050, "fortegn": "+"},
                          {"recNr": "6001", "feltnr": "0015", "beloeb": 301000, "fortegn": "+"}]}
                      ]
                    }
                  ]
                }""".formatted(id));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void assertPointersResolve(JsonNode submitted, List<Map<String, Object>> findings) {
        assertThat(findings).isNotEmpty();
        for (Map<String, Object> f : findings) {
            String pointer = (String) f.get("jsonPointer");
            assertThat(pointer).as("finding %s has a pointer", f.get("rule")).isNotNull();
            assertThat(submitted.at(pointer).isMissingNode()).as(pointer).isFalse();
        }
    }

    @Test
    void aStructuredKyReportIsEncodedAcceptedAndPublishedAsTheFileTheValidatorAccepts() throws Exception {
        String id = Samples.newId('A');
        byte[] expected = Samples.withId("ky-valid.txt", id);

        as("ky").contentType(ContentType.JSON).body(kyReport(id).toString()).post(API).then().statusCode(202)
                .header("Location", endsWith(API + "/" + id))
                .body("status", equalTo("ACCEPTED"), "records", equalTo(12),
                        "contentSha256", equalTo(sha256(expected)), "tracking", equalTo(API + "/" + id));

        List<ForsendelseQueue.Received> messages = ForsendelseQueue.take(id, 2000);
        assertThat(messages).hasSize(1);
        byte[] published = messages.get(0).body();
        assertThat(published).isEqualTo(expected);
        ValidationResult result = EIndkomstValidator.validate(published, ValidationOptions.defaults()
                .withSystem(CaseSystem.KY).withExpectedHovedIndberetningId(id));
        assertThat(result.findings()).isEmpty();
        assertThat(messages.get(0).properties()).containsEntry("Channel", "REST").containsEntry("RecordCount", "12")
                .containsEntry("ContentSha256", sha256(expected));

        // The owner gets exactly the forwarded bytes; another system cannot even learn that the id exists.
        byte[] file = as("ky").get(API + "/" + id + "/file").then().statusCode(200)
                .contentType(ForsendelseFileResource.FILE_TYPE).extract().asByteArray();
        assertThat(file).isEqualTo(published);
        as("ksd").get(API + "/" + id + "/file").then().statusCode(404);
        as("ky").get(API + "/" + Samples.newId('A') + "/file").then().statusCode(404);
        given().get(API + "/" + id + "/file").then().statusCode(401);

        // An exact resend of the same JSON is the same forsendelse: same answer, nothing forwarded twice.
        as("ky").contentType(ContentType.JSON).body(kyReport(id).toString()).post(API).then().statusCode(202)
                .body("contentSha256", equalTo(sha256(expected)));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void aStructuredReportWithErrorsIsRefusedWithPointersIntoTheDocumentAndNothingIsStoredOrPublished()
            throws Exception {
        String id = Samples.newId('A');
        ObjectNode report = kyReport(id);
        ((ObjectNode) report.at("/virksomhed")).put("virksomhedSeNr", "31500029");
        ((ObjectNode) report.at("/indkomster/0/personer/1")).put("personCprNr", "3111421235");
        ((ObjectNode) report.at("/indkomster/0/personer/0/linjer/1")).put("fortegn", "X");
        ((ObjectNode) report.at("/indkomster/0")).remove("indkomsttype");

        ExtractableResponse<Response> refusal = as("ky").contentType(ContentType.JSON).body(report.toString())
                .post(API).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:reportingsuite:problem:content")).extract();
        List<Map<String, Object>> findings = refusal.path("findings");
        assertPointersResolve(report, findings);
        assertThat(findings).extracting(f -> f.get("rule") + " " + f.get("line") + " " + f.get("field") + " "
                + f.get("jsonPointer")).contains(
                "F11 2 4 /virksomhed/virksomhedSeNr",
                "F01 5 12 /indkomster/0",
                "F14 8 6 /indkomster/0/personer/0/linjer/1/fortegn",
                "F10 9 4 /indkomster/0/personer/1/personCprNr");
        assertThat(refusal.asString()).doesNotContain("3111421235", "31500029");

        // JSON that cannot be written into the file at all: refused the same way, before validation.
        ObjectNode malformed = kyReport(id);
        ((ObjectNode) malformed.at("/indkomster/0/personer/0/linjer/0")).put("beloeb", "10500,00");
        ((ObjectNode) malformed.at("/indkomster/0")).put("loenperiodeSlut", "2025-02-30");
        ((ObjectNode) malformed.at("/virksomhed")).put("sENummer", "31500028");
        List<Map<String, Object>> problems = as("ky").contentType(ContentType.JSON).body(malformed.toString())
                .post(API).then().statusCode(422).extract().path("findings");
        assertPointersResolve(malformed, problems);
        assertThat(problems).extracting(f -> f.get("rule") + " " + f.get("jsonPointer")).containsExactlyInAnyOrder(
                "J02 /virksomhed/sENummer", "J04 /indkomster/0/loenperiodeSlut",
                "J01 /indkomster/0/personer/0/linjer/0/beloeb");

        // A HovedIndberetningID of another system: the request-level finding points at record 1000's field.
        String foreign = Samples.newId('B');
        List<Map<String, Object>> security = as("ky").contentType(ContentType.JSON)
                .body(kyReport(foreign).toString()).post(API).then().statusCode(403).extract().path("findings");
        assertThat(security).extracting(f -> f.get("jsonPointer")).containsExactly("/indberetter/hovedIndberetningsId");

        assertThat(repository.find(id)).isEmpty();
        assertThat(repository.find(foreign)).isEmpty();
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void theBase64FormStillWorksAndIsToldApartByShape() throws Exception {
        String id = Samples.newId('A');
        as("ky").contentType(ContentType.JSON).body(IndberetningResourceTest.json(id, Samples.withId("ky-valid.txt", id)))
                .post(API).then().statusCode(202).body("records", equalTo(12));
        assertThat(ForsendelseQueue.take(id, 2000)).hasSize(1);
        as("ky").contentType(ContentType.JSON).body("[1, 2]").post(API).then().statusCode(400);
    }

    @Test
    void encodeIsADryRunWithFindingsAndPointers() throws Exception {
        String id = Samples.newId('A');
        as("ky").contentType(ContentType.JSON).body(kyReport(id).toString()).post(TOOLS + "/encode").then()
                .statusCode(200).body("written", equalTo(true), "accepted", equalTo(true), "records", equalTo(12),
                        "errors", equalTo(0), "file", equalTo(Base64.getEncoder()
                                .encodeToString(Samples.withId("ky-valid.txt", id))));

        ObjectNode wrong = kyReport(id);
        ((ObjectNode) wrong.at("/indkomster/0/personer/0/linjer/0")).put("feltnr", "0000");
        List<Map<String, Object>> findings = as("ky").contentType(ContentType.JSON).body(wrong.toString())
                .post(TOOLS + "/encode").then().statusCode(200)
                .body("written", equalTo(true), "accepted", equalTo(false), "errors", equalTo(1))
                .extract().path("findings");
        assertPointersResolve(wrong, findings);
        assertThat(findings).extracting(f -> f.get("jsonPointer"))
                .containsExactly("/indkomster/0/personer/0/linjer/0/feltnr");

        // KSD's dry run of KY's report sees KSD's rules (prefix H02, indkomsttype K01).
        as("ksd").contentType(ContentType.JSON).body(kyReport(id).toString()).post(TOOLS + "/encode").then()
                .statusCode(200).body("accepted", equalTo(false), "findings.rule", hasItem("H02"));

        ObjectNode malformed = kyReport(id);
        malformed.put("unknown", true);
        as("ky").contentType(ContentType.JSON).body(malformed.toString()).post(TOOLS + "/encode").then()
                .statusCode(200).body("written", equalTo(false), "file", equalTo(null),
                        "findings[0].jsonPointer", equalTo("/unknown"));

        assertThat(repository.find(id)).isEmpty();
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
        given().contentType(ContentType.JSON).body(kyReport(id).toString()).post(TOOLS + "/encode").then()
                .statusCode(401);
    }

    @Test
    void decodeTurnsAFileIntoTheJsonForm() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("..", "samples", "eindkomst", "ky-valid.txt"));
        String body = as("ky").contentType("text/plain; charset=ISO-8859-1").body(sample).post(TOOLS + "/decode")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        JsonNode decoded = MAPPER.readTree(body);
        assertThat(decoded).isEqualTo(kyReport("A2025KY000000001"));
        assertThat(decoded).isEqualTo(MAPPER.readTree(ForsendelseJsonDecoder.decode(sample).document().toString()));

        byte[] unreadable = "0000001100020250201\r\n0000002XXXX\r\n".getBytes(StandardCharsets.ISO_8859_1);
        as("ky").contentType("text/plain; charset=ISO-8859-1").body(unreadable).post(TOOLS + "/decode").then()
                .statusCode(422).body("findings.rule", hasItem("D01"), "findings.line", hasItem(2));
        given().contentType("text/plain").body(sample).post(TOOLS + "/decode").then().statusCode(401);
    }

    @Test
    void theServedSchemaIsTheGeneratedOneAndTheContractReferencesIt() throws Exception {
        String served = as("ky").get(TOOLS + "/schema").then().statusCode(200)
                .contentType(EindkomstToolsResource.SCHEMA_JSON).extract().asString();
        assertThat(MAPPER.readTree(served)).isEqualTo(MAPPER.readTree(ForsendelseJsonSchema.generate().toString()));
        String openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        assertThat(openapi).contains("/api/v1/eindkomst/schema", "/api/v1/eindkomst/encode",
                "/api/v1/eindkomst/decode", "/api/v1/indberetninger/{id}/file");
    }
}
