package io.reportingsuite.debt.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/ledger/imports} with {@code Content-Type: text/csv}: the JSON import's columns and rules. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class CsvImportTest {

    static final String HEADER = "companyId,nossRegistrationNbr,denomination,quarter,contributionCents,paidCents,"
            + "increasesCents,interestsCents,legalCostsCents,dueDate,dmfaFiled,disputeType,disputeAmountCents,"
            + "paymentPlanActive,paymentPlanFollowed\n";

    private static ValidatableResponse importCsv(String importId, String csv) {
        return given().auth().preemptive().basic("ledger", "ledger-secret").contentType("text/csv")
                .queryParam("importId", importId).body(csv).post("/api/v1/ledger/imports").then();
    }

    private static ValidatableResponse balance(String companyId) {
        return given().auth().preemptive().basic("inspector", "inspector-secret").pathParam("id", companyId)
                .queryParam("legalContext", "PUBLIC_PROCUREMENT").queryParam("closingDate", "2026-12-02")
                .get("/api/v1/employers/{id}/balance").then();
    }

    @Test
    void theIssueExampleAsCsvIsTheSameImportAsItsJson() {
        String company = DemoLedger.companyId(800_001);
        String noss = DemoLedger.nossNumber(800_001);
        String csv = HEADER
                + company + "," + noss + ",\"Example BV, Antwerpen\",2026Q2,1250000,1000000,0,1500,0,2026-07-31,true,"
                + "CONTRIBUTIONS,50000,true,false\n"
                + company + ",,,2026Q1,1000000,1000000,,,,,true,,,,\n";
        importCsv("csv-example", csv).statusCode(201)
                .body("employersAdded", equalTo(1)).body("quartersAdded", equalTo(2))
                .body("refusals", hasSize(0));
        importCsv("csv-example", csv).statusCode(200).body("replayed", equalTo(true));
        balance(company).statusCode(200)
                .body("denomination", equalTo("Example BV, Antwerpen"))
                .body("employerId.nossRegistrationNbr", equalTo(noss))
                .body("balanceAmounts.contributionTotalAmount", equalTo(250000))
                .body("balanceAmounts.totalInterests", equalTo(1500))
                .body("disputes[0].amount", equalTo(50000))
                // 250000 open + 1500 interests - 50000 disputed = 201500: in order
                .body("balanceAnalysisResult", equalTo("DEBT_BELOW_THRESHOLD"));

        // The JSON of the same content under the same importId is the same import.
        Ledger.importJson("""
                {"importId": "csv-example", "employers": [{"companyId": "%s", "nossRegistrationNbr": "%s",
                 "denomination": "Example BV, Antwerpen", "quarters": [
                  {"quarter": "2026Q2", "contributionCents": 1250000, "paidCents": 1000000, "increasesCents": 0,
                   "interestsCents": 1500, "legalCostsCents": 0, "dueDate": "2026-07-31", "dmfaFiled": true},
                  {"quarter": "2026Q1", "contributionCents": 1000000, "paidCents": 1000000, "dmfaFiled": true}],
                 "disputes": [{"disputeType": "CONTRIBUTIONS", "amountCents": 50000}],
                 "paymentPlan": {"active": true, "followed": false}}]}""".formatted(company, noss))
                .statusCode(200).body("replayed", equalTo(true));
    }

    @Test
    void everyRefusalNamesItsLineAndColumnAndNothingIsStored() {
        String good = DemoLedger.companyId(800_002);
        String bad = DemoLedger.companyId(800_003);
        String badCheckDigits = bad.substring(0, 8) + (bad.charAt(8) == '9' ? "0" : "9") + bad.charAt(9);
        String csv = HEADER
                + good + ",,Good BV,2026Q2,100,-5,,,,,true,,,,\n"          // line 2: paidCents negative
                + badCheckDigits + ",,Bad BV,2026Q2,100,0,,,,,true,,,,\n"  // line 3: check digits
                + good + ",,Good BV,2026Q3,100,0,,,,2026-09-30,maybe,,,,\n" // line 4: due date, dmfaFiled
                + good + ",,Other name BV,,,,,,,,,CONTRIBUTIONS,12.5,,\n";   // line 5: denomination, amount
        importCsv("csv-refused", csv).statusCode(422)
                .body("status", equalTo("REFUSED"))
                .body("refusals.findAll { it.line == 2 }.column", hasItems("paidCents"))
                .body("refusals.findAll { it.line == 3 }.column", hasItems("companyId"))
                .body("refusals.findAll { it.line == 4 }.column", hasItems("dueDate", "dmfaFiled"))
                .body("refusals.findAll { it.line == 5 }.column", hasItems("denomination", "disputeAmountCents"))
                .body("refusals[0].pointer", nullValue());
        balance(good).statusCode(404);
    }

    @Test
    void theHeaderAndTheShapeOfEachLineAreChecked() {
        importCsv("csv-header", "companyId,quarter,colour\n" + DemoLedger.companyId(800_004) + ",2026Q2,red\n")
                .statusCode(422).body("refusals[0].line", equalTo(1)).body("refusals[0].column", equalTo("colour"));
        importCsv("csv-shape", "companyId,quarter,contributionCents,dmfaFiled\n"
                + DemoLedger.companyId(800_005) + ",2026Q2,100,true\n"
                + DemoLedger.companyId(800_005) + ",2026Q3\n"
                + ",2026Q4,100,true\n")
                .statusCode(422)
                .body("refusals.line", hasItems(3, 4))
                .body("refusals.find { it.line == 4 }.column", equalTo("companyId"));
        importCsv(null, "companyId,quarter,contributionCents,dmfaFiled\n" + DemoLedger.companyId(800_006)
                + ",2026Q2,100,true\n").statusCode(422).body("refusals[0].column", equalTo("importId"));
    }
}
