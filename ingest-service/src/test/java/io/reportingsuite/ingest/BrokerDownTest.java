package io.reportingsuite.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE §5: with the broker unreachable the caller gets an error (503 with Retry-After, a SOAP
 * fault), never "accepted". The forsendelse row stays RECEIVED, so a resend later republishes it. The AMQP
 * emitter keeps what it could not send and would send it once the broker answers, so the answer is "not
 * confirmed" (outcome unknown), not a certain refusal: see {@code UnconfirmedHandOffTest} for the broker coming back.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.BrokerUnreachable.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class BrokerDownTest {

    /** The hand-off channels point at a port nobody listens on; the database is the real one. */
    public static class BrokerUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String closed = Integer.toString(closedPort());
            return Map.of("mp.messaging.outgoing.forsendelser-out.port", closed,
                    "mp.messaging.outgoing.tracking-out.port", closed,
                    "ingest.publish-timeout", "2s",
                    "ingest.retry-after", "120s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    ForsendelseRepository repository;

    @Test
    void theCallerGetsAnErrorNeverAFalseAccept() throws Exception {
        String rest = Samples.newId('A');
        given().auth().preemptive().basic("ky", "ky-secret").contentType(ContentType.JSON)
                .body(Map.of("hovedIndberetningId", rest, "indberetning",
                        Base64.getEncoder().encodeToString(Samples.withId("ky-valid.txt", rest))))
                .post("/api/v1/indberetninger").then().statusCode(503).header("Retry-After", "120")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:reportingsuite:problem:not-confirmed"));
        assertThat(repository.find(rest)).get().extracting(Forsendelse::state).isEqualTo(Forsendelse.State.RECEIVED);

        String soap = Samples.newId('B');
        given().auth().preemptive().basic("ksd", "ksd-secret").contentType(Soap.CONTENT_TYPE)
                .body(Soap.request(soap, Samples.withId("ksd-valid.txt", soap))).post(Soap.PATH).then()
                .statusCode(500).body("Envelope.Body.Fault.detail.SKATIndberetFault.Code", equalTo("NOT_CONFIRMED"));
        assertThat(repository.find(soap)).get().extracting(Forsendelse::state).isEqualTo(Forsendelse.State.RECEIVED);
    }
}
