package io.reportingsuite.debt.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * HTTP Basic through {@link VerifiedBasicCredentials}: a user the realm has verified is not verified again, and
 * nothing but that user's own password gets that user's identity — over REST and SOAP.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class VerifiedBasicCredentialsTest {

    /** Valid check digits, never in a test ledger: the answer is 404 NOT_FOUND without a ledger to import. */
    static final String UNKNOWN = "0417497106";
    static final String PATH = "/api/v1/employers/{id}/balance";

    @Inject
    VerifiedBasicCredentials credentials;

    @Test
    void aVerifiedUserIsNotAskedForAgainAndNoOtherPasswordGetsItsIdentity() {
        // Other tests of this Quarkus run may have verified inspector already: one realm call at most here.
        long before = credentials.realmCalls();
        balance("inspector", "inspector-secret", "ART_30BIS", 404);
        long verified = credentials.realmCalls();
        assertThat(verified - before).isBetween(0L, 1L);
        for (int i = 0; i < 3; i++) {
            balance("inspector", "inspector-secret", "ART_30BIS", 404);
        }
        assertThat(credentials.realmCalls()).as("a verified user's password is not verified again").isEqualTo(verified);

        // A wrong password goes to the realm every time, and is refused every time.
        balance("inspector", "inspector-secreT", "ART_30BIS", 401);
        balance("inspector", "inspector-secreT", "ART_30BIS", 401);
        balance("inspector", "inspector-secret-", "ART_30BIS", 401);
        balance("inspector", "", "ART_30BIS", 401);
        assertThat(credentials.realmCalls()).isEqualTo(verified + 4);
        // ... and has not displaced the verified one.
        balance("inspector", "inspector-secret", "ART_30BIS", 404);
        assertThat(credentials.realmCalls()).isEqualTo(verified + 4);

        // Another user with the verified user's password, an unknown user: refused.
        balance("telemarc", "inspector-secret", "PUBLIC_PROCUREMENT", 401);
        balance("nobody", "inspector-secret", "PUBLIC_PROCUREMENT", 401);
        // Another user gets its own identity, roles and legal contexts, also when both are known here.
        for (int i = 0; i < 2; i++) {
            balance("telemarc", "telemarc-secret", "ART_30BIS", 403);
            balance("telemarc", "telemarc-secret", "PUBLIC_PROCUREMENT", 404);
            balance("inspector", "inspector-secret", "ART_30BIS", 404);
        }
        // A consumer is not an auditor, whichever way it was authenticated.
        given().auth().preemptive().basic("inspector", "inspector-secret").get("/api/v1/admin/audit").then()
                .statusCode(403);
        given().auth().preemptive().basic("auditor", "auditor-secret").get("/api/v1/admin/audit").then()
                .statusCode(200);
    }

    @Test
    void soapCallsAreAuthenticatedTheSameWay() {
        String envelope = Soap.request("ART_30BIS",
                Soap.detail("CompanyID", UNKNOWN, "2026-12-02"));
        Soap.post("inspector", envelope).statusCode(200);
        long verified = credentials.realmCalls();
        Soap.post("inspector", envelope).statusCode(200);
        assertThat(credentials.realmCalls()).isEqualTo(verified);
        given().auth().preemptive().basic("inspector", "wrong").contentType("text/xml; charset=UTF-8").body(envelope)
                .post("/soap/EmployerAccountBalance").then().statusCode(401);
        // telemarc's identity, not inspector's: art. 30bis is refused with a fault.
        Soap.post("telemarc", envelope).statusCode(500).body(containsString("NOT_AUTHORIZED"));
    }

    private static void balance(String user, String password, String legalContext, int status) {
        given().auth().preemptive().basic(user, password).pathParam("id", UNKNOWN)
                .queryParam("legalContext", legalContext).queryParam("closingDate", "2026-12-02").get(PATH).then()
                .statusCode(status);
    }
}
