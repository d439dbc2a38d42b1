package io.reportingsuite.debt.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Test helpers around the import API. */
public final class Ledger {

    private Ledger() {
    }

    public static ValidatableResponse importJson(String json) {
        return given().auth().preemptive().basic("ledger", "ledger-secret").contentType(ContentType.JSON).body(json)
                .post("/api/v1/ledger/imports").then();
    }

    /** One employer with one quarter of open contribution, due on the default date, DmfA filed. */
    public static String oneEmployer(String importId, String companyId, String noss, String quarter, long openCents) {
        return """
                {"importId": "%s", "employers": [{"companyId": "%s", "nossRegistrationNbr": "%s",
                 "denomination": "Test BV", "quarters": [{"quarter": "%s", "contributionCents": %d, "paidCents": 0,
                 "dmfaFiled": true}]}]}""".formatted(importId, companyId, noss, quarter, openCents);
    }
}
