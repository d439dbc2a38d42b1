package io.reportingsuite.ingest.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mandate registry's admin API: only the batch administrator (401 without credentials, 403 for a case
 * system, and the administrator cannot submit); PUT validates every item (400 with JSON pointers, nothing
 * stored) and upserts idempotently; GET filters by representative; DELETE revokes.
 */
@QuarkusTest
@TestProfile(BatchChannelProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class MandateResourceTest {

    private static final String PATH = "/api/v1/batch-channel/mandates";
    /** Representatives of their own, so the checks' tests' mandates do not mix in. */
    private static final String REPRESENTATIVE = "0600000626";
    private static final String OTHER_REPRESENTATIVE = "0700000795";
    private static final String MANDANT = "0800000867";
    /** The representative of the refused list only: nothing may be stored for it. */
    private static final String REFUSED_REPRESENTATIVE = "1000001011";

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("batch-admin", "batch-admin-secret");
    }

    @Test
    void onlyTheBatchAdministrator() {
        given().get(PATH).then().statusCode(401);
        given().auth().preemptive().basic("batch-admin", "wrong").get(PATH).then().statusCode(401);
        given().auth().preemptive().basic("ky", "ky-secret").get(PATH).then().statusCode(403);
        given().auth().preemptive().basic("ky", "ky-secret").contentType(ContentType.JSON).body("[]").put(PATH)
                .then().statusCode(403);
        given().auth().preemptive().basic("ky", "ky-secret").delete(PATH + "/1").then().statusCode(403);
        admin().get("/api/v1/indberetninger").then().statusCode(403);
        admin().get(PATH).then().statusCode(200);
    }

    @Test
    void anInvalidListIsRefusedWholeWithPointers() {
        List<Map<String, Object>> body = List.of(
                Map.of("representative", REFUSED_REPRESENTATIVE, "mandant", MANDANT, "service", "DEBT_QUERY",
                        "validFrom", "2026-01-01"),
                Map.of("representative", "0600000627", "mandant", MANDANT, "service", "DEBT_QUERY",
                        "validFrom", "2026-01-01"),
                Map.of("representative", REPRESENTATIVE, "mandant", MANDANT, "service", "PAYROLL",
                        "validFrom", "2026-02-30", "validTo", "2025-01-01", "colour", "red"),
                Map.of("representative", REPRESENTATIVE, "mandant", REPRESENTATIVE, "service", "FLA"));
        JsonPath problem = admin().contentType(ContentType.JSON).body(body).put(PATH).then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("findings.jsonPointer", String.class)).containsExactlyInAnyOrder(
                "/1/representative", "/2/colour", "/2/service", "/2/validFrom", "/3/mandant", "/3");
        assertThat(problem.getList("findings.message", String.class)).anyMatch(m -> m.contains("check digits"))
                .anyMatch(m -> m.contains("Unknown service")).noneMatch(m -> m.contains("0600000627"));
        admin().queryParam("representative", REFUSED_REPRESENTATIVE).get(PATH).then().statusCode(200)
                .body("", hasSize(0));
        admin().contentType(ContentType.JSON).body("{}").put(PATH).then().statusCode(400)
                .body("findings[0].jsonPointer", equalTo(""));
    }

    @Test
    void upsertListAndRevoke() {
        List<Map<String, Object>> body = List.of(
                Map.of("representative", REPRESENTATIVE, "mandant", MANDANT, "service", "DEBT_QUERY",
                        "validFrom", "2026-01-01"),
                Map.of("representative", "BE 0700.000.795", "mandant", MANDANT, "service", "FLA",
                        "validFrom", "2026-01-01", "validTo", "2026-12-31"));
        List<Integer> ids = admin().contentType(ContentType.JSON).body(body).put(PATH).then().statusCode(200)
                .body("[1].representative", equalTo(OTHER_REPRESENTATIVE)).extract().jsonPath().getList("id");
        List<Integer> again = admin().contentType(ContentType.JSON).body(body).put(PATH).then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertThat(again).as("idempotent").isEqualTo(ids);
        admin().queryParam("representative", REPRESENTATIVE).get(PATH).then().statusCode(200)
                .body("", hasSize(1)).body("[0].service", equalTo("DEBT_QUERY"))
                .body("[0].validFrom", equalTo("2026-01-01")).body("[0].revokedAt", equalTo(null));
        admin().queryParam("representative", "123").get(PATH).then().statusCode(400);

        admin().delete(PATH + "/" + ids.get(0)).then().statusCode(204);
        admin().delete(PATH + "/" + ids.get(0)).then().statusCode(204);
        admin().delete(PATH + "/987654321").then().statusCode(404);
        String revokedAt = admin().queryParam("representative", REPRESENTATIVE).get(PATH).then().statusCode(200)
                .extract().jsonPath().getString("[0].revokedAt");
        assertThat(revokedAt).isNotNull();
        admin().contentType(ContentType.JSON).body(body).put(PATH).then().statusCode(200);
        assertThat(admin().queryParam("representative", REPRESENTATIVE).get(PATH).then().extract().jsonPath()
                .getString("[0].revokedAt")).as("a PUT does not revive a revoked mandate").isEqualTo(revokedAt);
    }
}
