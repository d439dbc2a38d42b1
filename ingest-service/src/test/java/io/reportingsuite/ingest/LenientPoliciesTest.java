package io.reportingsuite.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The non-default policies: KSD validated in advisory mode (SPEC §10: accepted, findings counted in
 * track-and-trace), a known id with other content passed through (the original spec: SKAT rejects it), and
 * a configured public base URL for the SOAP answer's TrackingURL.
 */
@QuarkusTest
@TestProfile(LenientPoliciesTest.Lenient.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class LenientPoliciesTest {

    public static class Lenient implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.case-systems.KSD.validation", "ADVISORY", "ingest.conflicting-resend", "FORWARD",
                    "ingest.public-base-url", "https://ingest.kommune.example/");
        }
    }

    private static final String RAW = "text/plain; charset=ISO-8859-1";
    private static final String API = "/api/v1/indberetninger";

    @Test
    void advisoryModeAcceptsAFileWithErrorsAndReportsTheirCount() throws Exception {
        String id = Samples.newId('B');
        byte[] file = Samples.withId("ksd-valid.txt", id);
        file[19] = '9'; // record 1000 Klok_sendt becomes an impossible time (F04)
        file[20] = '9';
        given().auth().preemptive().basic("ksd", "ksd-secret").contentType(RAW).header("HovedIndberetningID", id)
                .body(file).post(API).then().statusCode(202);
        assertThat(ForsendelseQueue.take(id, 2000)).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo(file));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().preemptive().basic("ksd", "ksd-secret").get(API + "/" + id).then().statusCode(200)
                        .body("errors", equalTo(1), "timeline.find { it.step == 'VALIDATED' }.attributes.errors",
                                equalTo("1")));
    }

    @Test
    void aConfiguredPublicBaseUrlIsTheTrackingUrlsBaseWhateverHostTheCallCameTo() {
        String id = Samples.newId('A');
        given().auth().preemptive().basic("ky", "ky-secret").baseUri("http://127.0.0.1")
                .contentType(Soap.CONTENT_TYPE).body(Soap.request(id, Samples.withId("ky-valid.txt", id)))
                .post(Soap.PATH).then().statusCode(200).body("Envelope.Body.SKATIndberetServiceResponse.TrackingURL",
                        equalTo("https://ingest.kommune.example/api/v1/indberetninger/" + id));
    }

    @Test
    void strictModeStillAppliesToTheOtherSystem() {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        file[19] = '9';
        file[20] = '9';
        given().auth().preemptive().basic("ky", "ky-secret").contentType(RAW).header("HovedIndberetningID", id)
                .body(file).post(API).then().statusCode(422);
    }

    @Test
    void otherContentUnderAKnownIdIsForwardedWhenConfigured() throws Exception {
        String id = Samples.newId('A');
        byte[] first = Samples.withId("ky-valid.txt", id);
        byte[] second = Samples.withId("ky-valid.txt", id);
        second[24] = second[24] == '1' ? (byte) '2' : (byte) '1';
        for (byte[] file : List.of(first, second)) {
            given().auth().preemptive().basic("ky", "ky-secret").contentType(RAW).header("HovedIndberetningID", id)
                    .body(file).post(API).then().statusCode(202);
        }
        assertThat(ForsendelseQueue.take(id, 2000)).extracting(ForsendelseQueue.Received::body)
                .containsExactlyInAnyOrder(first, second);
    }
}
