package io.reportingsuite.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.RawHttp;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus Security model of ingest-service from outside: deny by default whatever the spelling of the
 * path, no existence oracle across case systems, and failed logins limited per client.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class CaseSystemSecurityTest {

    private static final String API = "/api/v1/indberetninger";
    private static final String KY = RawHttp.basic("ky", "ky-secret");
    private static final String KSD = RawHttp.basic("ksd", "ksd-secret");

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "ingest.failed-logins.max-failures")
    int maxFailures;

    private static String json(String id, byte[] payload) {
        return "{\"hovedIndberetningId\":\"" + id + "\",\"indberetning\":\""
                + Base64.getEncoder().encodeToString(payload) + "\"}";
    }

    @Test
    void pathTricksStayRefusedWithoutAnIdentity() throws Exception {
        String id = Samples.newId('A');
        byte[] submission = json(id, Samples.withId("ky-valid.txt", id)).getBytes(StandardCharsets.UTF_8);
        byte[] soap = Soap.request(id, Samples.withId("ky-valid.txt", id)).getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("//api/v1/indberetninger", "/%61pi/v1/indberetninger", "/api/v1/%69ndberetninger",
                "/api;x=1/v1/indberetninger", "/api/v1;x=1/indberetninger", "/api/v1/indberetninger;x=1",
                "/api/v1/indberetninger/", "/./api/v1/indberetninger", "/q/../api/v1/indberetninger",
                "/API/v1/indberetninger")) {
            assertThat(RawHttp.send("127.0.0.1", root.getPort(), "GET", path, null, null, null).status())
                    .as("GET %s", path).isIn(401, 404);
            assertThat(RawHttp.send("127.0.0.1", root.getPort(), "POST", path, null, "application/json", submission)
                    .status()).as("POST %s", path).isIn(401, 404, 405);
        }
        for (String path : List.of("//soap/SkatIndberetning", "/%73oap/SkatIndberetning",
                "/soap;x=1/SkatIndberetning", "/soap/SkatIndberetning;x=1", "/soap/SkatIndberetning/",
                "/q/../soap/SkatIndberetning")) {
            assertThat(RawHttp.send("127.0.0.1", root.getPort(), "POST", path, null, Soap.CONTENT_TYPE, soap)
                    .status()).as("POST %s", path).isIn(401, 404);
        }
        assertThat(ForsendelseQueue.take(id, 1000)).isEmpty();
        // The public parts stay public.
        assertThat(RawHttp.send("127.0.0.1", root.getPort(), "GET", Soap.PATH + "?wsdl", null, null, null).status())
                .isEqualTo(200);
        assertThat(RawHttp.send("127.0.0.1", root.getPort(), "GET", "/q/health/ready", null, null, null).status())
                .isEqualTo(200);
    }

    @Test
    void anotherSystemsIdIsAnsweredLikeAnUnknownOneWhateverThePathSpelling() throws Exception {
        String id = Samples.newId('A');
        given().auth().preemptive().basic("ky", "ky-secret").contentType(ContentType.JSON)
                .body(json(id, Samples.withId("ky-valid.txt", id))).post(API).then().statusCode(202);
        assertThat(RawHttp.send("127.0.0.1", root.getPort(), "GET", API + "/" + id, KY, null, null).status())
                .isEqualTo(200);

        RawHttp.Answer unknown = RawHttp.send("127.0.0.1", root.getPort(), "GET", API + "/" + Samples.newId('A'),
                KSD, null, null);
        assertThat(unknown.status()).isEqualTo(404);
        for (String path : List.of(API + "/" + id, API + "/" + id + "/", "/" + API + "/" + id, API + "/" + id + ";x=1",
                "/%61pi/v1/indberetninger/" + id)) {
            RawHttp.Answer foreign = RawHttp.send("127.0.0.1", root.getPort(), "GET", path, KSD, null, null);
            assertThat(foreign.status()).as("GET %s as KSD", path).isEqualTo(404);
            assertThat(foreign.body()).as("GET %s as KSD", path).isEqualTo(unknown.body());
        }
    }

    @Test
    void failedLoginsAreLimitedPerClientWith429AndRetryAfter() throws Exception {
        // This test's own client address: the other tests log in from 127.0.0.1.
        String client = "127.0.0.2";
        for (int i = 0; i < maxFailures; i++) {
            assertThat(RawHttp.send(client, root.getPort(), "GET", API, RawHttp.basic("ky", "guess-" + i), null, null)
                    .status()).isEqualTo(401);
        }
        // Over the limit even the right password is not checked until the window has passed ...
        RawHttp.Answer limited = RawHttp.send(client, root.getPort(), "GET", API, KY, null, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().get("retry-after"))).isBetween(1L, 60L);
        assertThat(limited.headers().get("content-type")).isEqualTo("application/problem+json");
        RawHttp.Answer soap = RawHttp.send(client, root.getPort(), "POST", Soap.PATH, KY, Soap.CONTENT_TYPE,
                Soap.request(Samples.newId('A'), new byte[] {'x'}).getBytes(StandardCharsets.UTF_8));
        assertThat(soap.status()).isEqualTo(429);
        assertThat(soap.body()).contains("<Code>SECURITY</Code>");
        // ... while another client is not affected.
        assertThat(RawHttp.send("127.0.0.3", root.getPort(), "GET", API, KY, null, null).status()).isEqualTo(200);
        assertThat(RawHttp.send("127.0.0.3", root.getPort(), "GET", API, RawHttp.basic("ky", "wrong"), null, null)
                .status()).isEqualTo(401);
    }

    @Test
    void noHeaderCanClaimAnIdentity() throws Exception {
        // The retired hand-off header and any look-alike are ignored: no credentials, no identity.
        String id = Samples.newId('A');
        given().header("X-Ingest-" + "Authenticated-System", "KY").header("X-Forwarded-User", "ky")
                .contentType(ContentType.JSON).body(json(id, Samples.withId("ky-valid.txt", id))).post(API)
                .then().statusCode(401);
        assertThat(ForsendelseQueue.take(id, 500)).isEmpty();
    }
}
