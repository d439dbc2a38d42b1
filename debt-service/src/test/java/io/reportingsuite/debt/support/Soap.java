package io.reportingsuite.debt.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;

/** Hand-written SOAP 1.1 requests for EmployerAccountBalance (the test does not share the service's classes). */
public final class Soap {

    private Soap() {
    }

    public static String detail(String idElement, String id, String closingDate) {
        return "<eab:RequestDetail><eab:EmployerId><eab:" + idElement + ">" + id + "</eab:" + idElement
                + "></eab:EmployerId>" + (closingDate == null ? "" : "<eab:ClosingDate>" + closingDate
                + "</eab:ClosingDate>") + "</eab:RequestDetail>";
    }

    public static String request(String legalContext, String... details) {
        return """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:eab="http://socialsecurity.be/xml/ns/accountbalance"><soapenv:Body><eab:EmployerAccountBalance>\
                <eab:Request><eab:RequestInformation><eab:Consumer><eab:CompanyID>0316381039</eab:CompanyID>\
                </eab:Consumer></eab:RequestInformation><eab:LegalContextInformation><eab:LegalContext>%s\
                </eab:LegalContext></eab:LegalContextInformation>%s</eab:Request></eab:EmployerAccountBalance>\
                </soapenv:Body></soapenv:Envelope>""".formatted(legalContext, String.join("", details));
    }

    public static ValidatableResponse post(String user, String body) {
        return given().auth().preemptive().basic(user, user + "-secret").contentType("text/xml; charset=UTF-8")
                .body(body).post("/soap/EmployerAccountBalance").then();
    }
}
