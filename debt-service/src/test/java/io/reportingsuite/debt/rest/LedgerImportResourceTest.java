package io.reportingsuite.debt.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class LedgerImportResourceTest {

    static final String ISSUE_EXAMPLE = """
            {"importId": "import-test-example",
             "employers": [{
               "companyId": "0203430576", "nossRegistrationNbr": "123456749", "denomination": "Example BV",
               "quarters": [{"quarter": "2026Q2", "contributionCents": 1250000, "paidCents": 1000000,
                             "increasesCents": 0, "interestsCents": 1500, "legalCostsCents": 0,
                             "dueDate": "2026-07-31", "dmfaFiled": true}],
               "disputes": [{"disputeType": "CONTRIBUTIONS", "amountCents": 50000}],
               "paymentPlan": {"active": true, "followed": false}}]}""";

    @Test
    void theIssueExampleIsImportedOnceAndARepeatIsAnsweredFromTheFirst() {
        Ledger.importJson(ISSUE_EXAMPLE).statusCode(201).body("status", equalTo("IMPORTED"))
                .body("employersAdded", equalTo(1)).body("quartersAdded", equalTo(1)).body("replayed", equalTo(false));
        Ledger.importJson(ISSUE_EXAMPLE).statusCode(200).body("employersAdded", equalTo(1))
                .body("replayed", equalTo(true));
        Ledger.importJson(ISSUE_EXAMPLE.replace("1500", "1600")).statusCode(409)
                .body("refusals[0].pointer", equalTo("/importId"));
        given().auth().preemptive().basic("inspector", "inspector-secret")
                .get("/api/v1/employers/0203.430.576/balance?legalContext=PUBLIC_PROCUREMENT&closingDate=2026-12-02")
                .then().statusCode(200)
                .body("balanceAmounts.contributionTotalAmount", equalTo(250000))
                .body("balanceAmounts.totalInterests", equalTo(1500))
                .body("disputes[0].amount", equalTo(50000))
                .body("balanceAnalysisResult", equalTo("DEBT_BELOW_THRESHOLD"))
                .body("isPaymentPlanFollowed", equalTo(false));
    }

    @Test
    void aSecondImportReplacesTheQuartersItNames() {
        Ledger.importJson(Ledger.oneEmployer("replace-1", "0566988259", "100006", "2026Q1", 100)).statusCode(201)
                .body("employersAdded", equalTo(1));
        Ledger.importJson(Ledger.oneEmployer("replace-2", "0566988259", "100006", "2026Q1", 200)).statusCode(201)
                .body("employersReplaced", equalTo(1)).body("quartersReplaced", equalTo(1))
                .body("quartersAdded", equalTo(0));
        given().auth().preemptive().basic("inspector", "inspector-secret")
                .get("/api/v1/employers/100006/balance?legalContext=OTHER_ARTICLE").then().statusCode(200)
                .body("balanceAmounts.contributionTotalAmount", equalTo(200));
    }

    @Test
    void everyRefusalIsNamedByItsJsonPointerAndNothingIsStored() {
        String json = """
                {"importId": "import-test-refused", "employers": [
                  {"companyId": "0417497106", "denomination": "Valid NV",
                   "quarters": [{"quarter": "2026Q1", "contributionCents": 5, "dmfaFiled": true}]},
                  {"companyId": "0203430577", "nossRegistrationNbr": "123456748", "denomination": "Bad",
                   "quarters": [{"quarter": "2026Q5", "contributionCents": -1, "paidCents": 1.5,
                                 "dueDate": "2026-02-30"}]}]}""";
        Ledger.importJson(json).statusCode(422).body("status", equalTo("REFUSED"))
                .body("refusals.pointer", hasItems("/employers/1/companyId", "/employers/1/nossRegistrationNbr",
                        "/employers/1/quarters/0/quarter", "/employers/1/quarters/0/contributionCents",
                        "/employers/1/quarters/0/paidCents", "/employers/1/quarters/0/dueDate",
                        "/employers/1/quarters/0/dmfaFiled"));
        given().auth().preemptive().basic("inspector", "inspector-secret")
                .get("/api/v1/employers/0417497106/balance?legalContext=OTHER_ARTICLE").then().statusCode(404)
                .body("resultCode", equalTo("NOT_FOUND"));
    }

    @Test
    void onlyTheLedgerWriterMayImport() {
        given().contentType(ContentType.JSON).body(ISSUE_EXAMPLE).post("/api/v1/ledger/imports").then().statusCode(401);
        given().auth().preemptive().basic("telemarc", "telemarc-secret").contentType(ContentType.JSON)
                .body(ISSUE_EXAMPLE).post("/api/v1/ledger/imports").then().statusCode(403);
    }
}
