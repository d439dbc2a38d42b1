package io.reportingsuite.ingest.soap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EP_FS1 over real CXF: accepts, faults with findings, hardening, against the real broker and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class SkatIndberetningEndpointTest {

    private static final String FAULT = "Envelope.Body.Fault";

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-secret").contentType(Soap.CONTENT_TYPE);
    }

    @Test
    void theWsdlIsServed() {
        given().get(Soap.PATH + "?wsdl").then().statusCode(200).body(containsString("SKATIndberetServiceRequest"));
    }

    @Test
    void theTrackingUrlNamesTheHostTheCallCameToWhenNoPublicBaseUrlIsSet() {
        for (String host : List.of("127.0.0.1", "localhost")) {
            String id = Samples.newId('A');
            as("ky").baseUri("http://" + host).body(Soap.request(id, Samples.withId("ky-valid.txt", id)))
                    .post(Soap.PATH).then().statusCode(200)
                    .body("Envelope.Body.SKATIndberetServiceResponse.TrackingURL", equalTo("http://" + host + ":"
                            + io.restassured.RestAssured.port + "/api/v1/indberetninger/" + id));
        }
    }

    @Test
    void validKyAndKsdFilesAreAcceptedAndArriveByteIdentical() throws Exception {
        for (String[] sample : new String[][] {{"ky", "ky-valid.txt", "A", "KOMBIT_KY"},
                {"ksd", "ksd-valid.txt", "B", "KOMBIT_KSD"}}) {
            String id = Samples.newId(sample[2].charAt(0));
            byte[] file = Samples.withId(sample[1], id);
            as(sample[0]).body(Soap.request(id, file)).post(Soap.PATH).then().statusCode(200)
                    .body("Envelope.Body.SKATIndberetServiceResponse.Status", equalTo("ACCEPTED"),
                            "Envelope.Body.SKATIndberetServiceResponse.HovedIndberetningID", equalTo(id),
                            "Envelope.Body.SKATIndberetServiceResponse.TrackingURL",
                            containsString("/api/v1/indberetninger/" + id));
            List<ForsendelseQueue.Received> messages = ForsendelseQueue.take(id, 2000);
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).body()).isEqualTo(file);
            assertThat(messages.get(0).properties()).containsEntry("Channel", "SOAP")
                    .containsEntry("Afsender", sample[3]).containsEntry("HovedIndberetningID", id);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().auth().preemptive().basic(sample[0], sample[0] + "-secret")
                            .get("/api/v1/indberetninger/" + id).then().statusCode(200)
                            .body("state", equalTo("QUEUED"), "channel", equalTo("SOAP")));
        }
    }

    @Test
    void anExactResendIsAcceptedAgainAndForwardedOnce() throws Exception {
        String id = Samples.newId('B');
        byte[] file = Samples.withId("ksd-valid.txt", id);
        as("ksd").body(Soap.request(id, file)).post(Soap.PATH).then().statusCode(200);
        as("ksd").body(Soap.request(id, file)).post(Soap.PATH).then().statusCode(200)
                .body("Envelope.Body.SKATIndberetServiceResponse.Status", equalTo("ACCEPTED"));
        assertThat(ForsendelseQueue.take(id, 2000)).hasSize(1);

        byte[] other = Samples.withId("ksd-valid.txt", id);
        other[24] = other[24] == '1' ? (byte) '2' : (byte) '1';
        as("ksd").body(Soap.request(id, other)).post(Soap.PATH).then().statusCode(500)
                .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("CONFLICT"));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void contentErrorsAreAFaultListingEveryFinding() throws Exception {
        String id = Samples.newId('A');
        as("ky").body(Soap.request(id, Samples.withId("ky-invalid.txt", id))).post(Soap.PATH).then().statusCode(500)
                .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("CONTENT"),
                        FAULT + ".detail.SKATIndberetFault.Finding.size()", greaterThan(1),
                        FAULT + ".detail.SKATIndberetFault.Finding[0].Line", equalTo("2"),
                        FAULT + ".detail.SKATIndberetFault.Finding.Rule", hasItem("F11"));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void envelopeErrorsAreFaults() throws Exception {
        // The schema pattern of HovedIndberetningID (validated by CXF against the XSD).
        as("ky").body(Soap.request("C123", Samples.read("ky-valid.txt"))).post(Soap.PATH).then().statusCode(500)
                .body(FAULT + ".faultcode", containsString("Client"));
        String id = Samples.newId('A');
        as("ky").body(Soap.request(id, null)).post(Soap.PATH).then().statusCode(500)
                .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("ENVELOPE"));
        as("ky").body("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>")
                .post(Soap.PATH).then().statusCode(500).body(containsString("Fault"));
        as("ky").body(Soap.request(id, Samples.read("ky-valid.txt")).replace("<s:Indberetning>",
                "<s:Indberetning>!!")).post(Soap.PATH).then().statusCode(500).body(containsString("Fault"));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void dtdsAndExternalEntitiesAreRefused() throws Exception {
        String id = Samples.newId('A');
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + Soap.request(id, Samples.withId("ky-valid.txt", id))
                .replace("</s:HovedIndberetningID>", "&xxe;</s:HovedIndberetningID>");
        as("ky").body(xxe).post(Soap.PATH).then().statusCode(500).body(containsString("Fault"))
                .body(org.hamcrest.Matchers.not(containsString("root:")));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void authorisationRefusalsAreFaultsOr401() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        given().contentType(Soap.CONTENT_TYPE).body(Soap.request(id, file)).post(Soap.PATH).then().statusCode(401)
                .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("SECURITY"));
        as("ksd").body(Soap.request(id, file)).post(Soap.PATH).then().statusCode(500)
                .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("SECURITY"),
                        FAULT + ".detail.SKATIndberetFault.Finding.Rule", equalTo("S01"));
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }

    @Test
    void anOversizedRequestIsRefusedBeforeItIsRead() {
        String id = Samples.newId('A');
        as("ky").body(Soap.request(id, new byte[300 * 1024])).post(Soap.PATH).then().statusCode(413)
                .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("TOO_LARGE"));
    }
}
