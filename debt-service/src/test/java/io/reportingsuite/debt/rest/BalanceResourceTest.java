package io.reportingsuite.debt.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class BalanceResourceTest {

    static final String COMPANY = "0858147419";
    static final String NOSS = "154824803";
    static final String PATH = "/api/v1/employers/{id}/balance";

    @BeforeEach
    void ledger() {
        Ledger.importJson(Ledger.oneEmployer("balance-test", COMPANY, NOSS, "2026Q2", 300_001)).statusCode(anyOf());
    }

    private static org.hamcrest.Matcher<Integer> anyOf() {
        return org.hamcrest.Matchers.oneOf(200, 201);
    }

    @Test
    void telemarcAsksForAProcurementCertificateByEnterpriseOrNossNumber() {
        given().auth().preemptive().basic("telemarc", "telemarc-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "PUBLIC_PROCUREMENT").queryParam("closingDate", "2026-12-02")
                .get(PATH).then().statusCode(200)
                .body("resultCode", equalTo("OK"))
                .body("employerId.companyId", equalTo(COMPANY))
                .body("employerId.nossRegistrationNbr", equalTo(NOSS))
                .body("balanceAnalysisResult", equalTo("DEBT_ABOVE_THRESHOLD"))
                .body("closingQuarter", equalTo("2026Q3"))
                .body("withholding", nullValue());
        given().auth().preemptive().basic("telemarc", "telemarc-secret").pathParam("id", NOSS)
                .queryParam("legalContext", "PUBLIC_PROCUREMENT").queryParam("closingDate", "2026-07-30")
                .get(PATH).then().statusCode(200)
                .body("balanceAnalysisResult", equalTo("NO_DEBT"))
                .body("closingQuarter", equalTo("2026Q1"));
    }

    @Test
    void telemarcMayNotAskAbout30bisTheInspectorMay() {
        given().auth().preemptive().basic("telemarc", "telemarc-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "ART_30BIS").get(PATH).then().statusCode(403)
                .body("pointer", equalTo("legalContext"));
        given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "ART_30BIS").get(PATH).then().statusCode(200)
                .body("withholding", equalTo("JA"));
    }

    @Test
    void unknownAndMalformedEmployersAreAnsweredPerItem() {
        given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", "0417497106")
                .queryParam("legalContext", "ART_30BIS").get(PATH).then().statusCode(404)
                .body("resultCode", equalTo("NOT_FOUND")).body("withholding", equalTo("NO_DATA"));
        given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", "0417497107")
                .queryParam("legalContext", "PUBLIC_PROCUREMENT").get(PATH).then().statusCode(400)
                .body("resultCode", equalTo("INVALID_REQUEST")).body("errorId", equalTo("CHECK_DIGITS"));
        given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "NONSENSE").get(PATH).then().statusCode(400)
                .body("pointer", equalTo("legalContext"));
        given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "OTHER_ARTICLE").queryParam("closingDate", "2026-13-01").get(PATH)
                .then().statusCode(400).body("pointer", equalTo("closingDate"));
    }

    @Test
    void withoutCredentialsNothingIsAnswered() {
        given().pathParam("id", COMPANY).queryParam("legalContext", "PUBLIC_PROCUREMENT").get(PATH).then()
                .statusCode(401);
        given().auth().preemptive().basic("telemarc", "wrong").pathParam("id", COMPANY)
                .queryParam("legalContext", "PUBLIC_PROCUREMENT").get(PATH).then().statusCode(401);
    }

    @Test
    void everyQueryIsAuditedWithWhoWhenEmployerContextAndResultOnly() {
        given().auth().preemptive().basic("telemarc", "telemarc-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "ART_30BIS").get(PATH).then().statusCode(403);
        given().auth().preemptive().basic("telemarc", "telemarc-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "PUBLIC_PROCUREMENT").get(PATH).then().statusCode(200);
        JsonPath audit = given().auth().preemptive().basic("auditor", "auditor-secret")
                .queryParam("consumer", "telemarc").queryParam("limit", 2).get("/api/v1/admin/audit")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = audit.getList("");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsOnlyKeys("id", "consumer", "queriedAt", "employer", "legalContext",
                "resultCode");
        assertThat(entries.get(0)).containsEntry("resultCode", "OK").containsEntry("employer", COMPANY)
                .containsEntry("legalContext", "PUBLIC_PROCUREMENT").containsEntry("queriedAt", "2026-12-02T09:00:00Z");
        assertThat(entries.get(1)).containsEntry("resultCode", "NOT_AUTHORIZED")
                .containsEntry("legalContext", "ART_30BIS");
        given().auth().preemptive().basic("inspector", "inspector-secret").get("/api/v1/admin/audit").then()
                .statusCode(403);
    }
}
