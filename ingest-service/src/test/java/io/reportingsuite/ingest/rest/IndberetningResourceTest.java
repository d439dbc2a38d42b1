package io.reportingsuite.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import io.restassured.http.ContentType;
import io.reportingsuite.support.tracking.TrackingPublisher;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** REST submission and track-and-trace against the real broker and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class IndberetningResourceTest {

    private static final String API = "/api/v1/indberetninger";
    private static final String RAW = "text/plain; charset=ISO-8859-1";

    @Inject
    TrackingPublisher tracking;

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-secret");
    }

    static Map<String, String> json(String id, byte[] payload) {
        return Map.of("hovedIndberetningId", id, "indberetning", Base64.getEncoder().encodeToString(payload));
    }

    @Test
    void validKyJsonAndKsdRawFileArriveByteIdenticalWithTheirPropertiesAndTrackingShowsThemQueued() throws Exception {
        String ky = Samples.newId('A');
        byte[] kyFile = Samples.withId("ky-valid.txt", ky);
        as("ky").contentType(ContentType.JSON).body(json(ky, kyFile)).post(API).then().statusCode(202)
                .header("Location", endsWith(API + "/" + ky))
                .body("status", equalTo("ACCEPTED"), "records", equalTo(12));

        String ksd = Samples.newId('B');
        byte[] ksdFile = Samples.withId("ksd-valid.txt", ksd);
        as("ksd").contentType(RAW).header("HovedIndberetningID", ksd).body(ksdFile).post(API).then().statusCode(202)
                .header("Location", endsWith(API + "/" + ksd));

        List<ForsendelseQueue.Received> kyMessages = ForsendelseQueue.take(ky, 2000);
        assertThat(kyMessages).hasSize(1);
        assertThat(kyMessages.get(0).body()).isEqualTo(kyFile);
        assertThat(kyMessages.get(0).properties()).containsEntry("HovedIndberetningID", ky)
                .containsEntry("ForsendelseType", "INDBERETNING").containsEntry("System", "KY")
                .containsEntry("Afsender", "KOMBIT_KY").containsEntry("Channel", "REST")
                .containsEntry("SENummer", "29800014").containsEntry("RecordCount", "12")
                .containsKeys("ContentSha256", "ReceivedAt");
        assertThat(kyMessages.get(0).properties().get("_AMQ_DUPL_ID").toString())
                .isEqualTo(ky + ":" + kyMessages.get(0).properties().get("ContentSha256"));
        List<ForsendelseQueue.Received> ksdMessages = ForsendelseQueue.take(ksd, 2000);
        assertThat(ksdMessages).hasSize(1);
        assertThat(ksdMessages.get(0).body()).isEqualTo(ksdFile);
        assertThat(ksdMessages.get(0).properties()).containsEntry("System", "KSD").containsEntry("Afsender", "KOMBIT_KSD");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                as("ky").get(API + "/" + ky).then().statusCode(200)
                        .body("state", equalTo("QUEUED"), "system", equalTo("KY"), "records", equalTo(12),
                                "timeline.step", equalTo(List.of("RECEIVED", "VALIDATED", "QUEUED"))));
        as("ksd").get(API + "?state=QUEUED").then().statusCode(200).body("hovedIndberetningId", hasItem(ksd),
                "hovedIndberetningId", not(hasItem(ky)));
    }

    @Test
    void theListShowsTheSameStateAsTheDetailViewOnceOtherServicesReportedFurtherSteps() throws Exception {
        String id = Samples.newId('A');
        as("ky").contentType(ContentType.JSON).body(json(id, Samples.withId("ky-valid.txt", id))).post(API).then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as("ky").get(API + "/" + id).then()
                .body("state", equalTo("QUEUED")));
        // What receipt-service reports when the kvittering reached the case system.
        tracking.publish(id, TrackingStep.CASE_SYSTEM_NOTIFIED, Map.of()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as("ky").get(API + "/" + id).then()
                .body("state", equalTo("CASE_SYSTEM_NOTIFIED")));
        as("ky").get(API).then().statusCode(200)
                .body("find { it.hovedIndberetningId == '" + id + "' }.state", equalTo("CASE_SYSTEM_NOTIFIED"));
        as("ky").get(API + "?state=CASE_SYSTEM_NOTIFIED").then().body("hovedIndberetningId", hasItem(id));
        as("ky").get(API + "?state=QUEUED").then().body("hovedIndberetningId", not(hasItem(id)));
        as("ky").get(API + "?state=NONSENSE").then().statusCode(400);
    }

    @Test
    void anExactResendGetsTheSameSuccessAndNothingIsForwardedTwice() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        String first = as("ky").contentType(RAW).header("HovedIndberetningID", id).body(file).post(API)
                .then().statusCode(202).extract().path("receivedAt");
        String again = as("ky").contentType(ContentType.JSON).body(json(id, file)).post(API)
                .then().statusCode(202).extract().path("receivedAt");
        assertThat(again).isEqualTo(first);
        assertThat(ForsendelseQueue.take(id, 2000)).hasSize(1);
    }

    @Test
    void aKnownIdWithOtherContentIsAConflictAndIsNotForwarded() throws Exception {
        String id = Samples.newId('A');
        as("ky").contentType(ContentType.JSON).body(json(id, Samples.withId("ky-valid.txt", id))).post(API)
                .then().statusCode(202);
        byte[] other = Samples.withId("ky-valid.txt", id);
        other[24] = other[24] == '1' ? (byte) '2' : (byte) '1'; // record 1000 Klok_sendt: still valid
        as("ky").contentType(ContentType.JSON).body(json(id, other)).post(API).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(ForsendelseQueue.take(id, 2000)).hasSize(1);
    }

    @Test
    void envelopeErrorsAre400() throws Exception {
        as("ky").contentType(ContentType.JSON).body(Map.of("hovedIndberetningId", "A123",
                "indberetning", "AAAA")).post(API).then().statusCode(400).contentType("application/problem+json")
                .body("findings.rule", hasItem("H01"));
        String id = Samples.newId('A');
        as("ky").contentType(ContentType.JSON).body(Map.of("hovedIndberetningId", id, "indberetning", "***"))
                .post(API).then().statusCode(400).body("detail", equalTo("indberetning is not valid Base64."));
        as("ky").contentType(ContentType.JSON).body(Map.of("hovedIndberetningId", id)).post(API).then()
                .statusCode(400).body("findings.rule", hasItem("E01"));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void contentErrorsAre422ListingEveryFinding() throws Exception {
        String id = Samples.newId('A');
        as("ky").contentType(RAW).header("HovedIndberetningID", id).body(Samples.withId("ky-invalid.txt", id))
                .post(API).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:reportingsuite:problem:content"),
                        "findings.size()", org.hamcrest.Matchers.greaterThan(1),
                        "findings[0].line", org.hamcrest.Matchers.notNullValue(),
                        "findings[0].rule", org.hamcrest.Matchers.notNullValue());
        // The request id must equal record 1000 field 12 (rule E08).
        String other = Samples.newId('A');
        as("ky").contentType(RAW).header("HovedIndberetningID", other).body(Samples.withId("ky-valid.txt", id))
                .post(API).then().statusCode(422).body("findings.rule", hasItem("E08"));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
        assertThat(ForsendelseQueue.take(other, 100)).isEmpty();
    }

    @Test
    void eachAuthorisationRefusal() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        given().contentType(ContentType.JSON).body(json(id, file)).post(API).then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"ingest-service\"");
        given().auth().preemptive().basic("ky", "wrong").contentType(ContentType.JSON).body(json(id, file))
                .post(API).then().statusCode(401);
        // KSD may not use KY's prefix A ...
        as("ksd").contentType(ContentType.JSON).body(json(id, file)).post(API).then().statusCode(403)
                .body("findings.rule", hasItem("S01"));
        // ... and KY may not report for SE numbers registered for KSD.
        String otherSe = Samples.newId('A');
        byte[] withKsdSe = new String(Samples.withId("ky-valid.txt", otherSe), StandardCharsets.ISO_8859_1)
                .replace("29800014", "29800022").replace("31500028", "31500036").getBytes(StandardCharsets.ISO_8859_1);
        as("ky").contentType(ContentType.JSON).body(json(otherSe, withKsdSe)).post(API).then().statusCode(403)
                .body("findings.rule", hasItems("S02"), "findings.recordType", hasItems("1000", "2001"));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
        assertThat(ForsendelseQueue.take(otherSe, 100)).isEmpty();

        as("ky").contentType(ContentType.JSON).body(json(id, file)).post(API).then().statusCode(202);
        // Another system's id is answered like an unknown one (no existence oracle).
        as("ksd").get(API + "/" + id).then().statusCode(404);
        as("ksd").get(API + "?system=KY").then().statusCode(403);
        given().get(API + "/" + id).then().statusCode(401);
        as("ky").get(API + "/" + Samples.newId('A')).then().statusCode(404);
    }

    @Test
    void anOversizedRequestIs413() {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        as("ky").contentType(RAW).header("HovedIndberetningID", Samples.newId('A')).body(big).post(API).then()
                .statusCode(413).contentType("application/problem+json");
    }

    @Test
    void theCheckedInContractIsServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/indberetninger/{id}"),
                        "components.schemas.Problem.properties", org.hamcrest.Matchers.hasKey("findings"));
    }
}
