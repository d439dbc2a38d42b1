package io.reportingsuite.debt.soap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.restassured.RestAssured;
import io.restassured.path.xml.XmlPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class EmployerAccountBalanceEndpointTest {

    static final String COMPANY = "0458556612";

    @BeforeEach
    void ledger() {
        Ledger.importJson(Ledger.oneEmployer("soap-test", COMPANY, "154824997", "2026Q2", 120_000))
                .statusCode(Matchers.oneOf(200, 201));
    }

    @Test
    void oneResponsePerDetailEachWithItsOwnResultCode() {
        String body = Soap.request("PUBLIC_PROCUREMENT",
                Soap.detail("CompanyID", COMPANY, "2026-12-02"),
                Soap.detail("CompanyID", "0417497106", "2026-12-02"),
                Soap.detail("NOSSRegistrationNbr", "123456748", null),
                "<eab:RequestDetail><eab:EmployerId/></eab:RequestDetail>");
        XmlPath xml = Soap.post("telemarc", body).statusCode(200).extract().xmlPath();
        xml.setRootPath("Envelope.Body.EmployerAccountBalance");
        org.assertj.core.api.Assertions.assertThat(xml.getList("Response.ExecutionResult.ResultCode"))
                .containsExactly("OK", "NOT_FOUND", "INVALID_REQUEST", "INVALID_REQUEST");
        org.assertj.core.api.Assertions.assertThat(xml.getList("Response.ExecutionResult.ErrorID"))
                .containsExactly("30001", "CHECK_DIGITS", "EMPLOYER_ID_NOT_EXACTLY_ONE");
        org.assertj.core.api.Assertions.assertThat(xml.getString("Response[0].BalanceAnalysisResult"))
                .isEqualTo("DEBT_BELOW_THRESHOLD");
        org.assertj.core.api.Assertions.assertThat(xml.getString("Response[0].BalanceAmounts.ContributionTotalAmount"))
                .isEqualTo("120000");
        org.assertj.core.api.Assertions.assertThat(xml.getString("Response[0].ClosingQuarter")).isEqualTo("2026Q3");
    }

    @Test
    void aConsumerNotAuthorisedForTheLegalContextGetsAFault() {
        Soap.post("telemarc", Soap.request("ART_30BIS", Soap.detail("CompanyID", COMPANY, null)))
                .statusCode(500).body(containsString("NOT_AUTHORIZED"));
        Soap.post("inspector", Soap.request("ART_30BIS", Soap.detail("CompanyID", COMPANY, null)))
                .statusCode(200).body(containsString("<Withholding>NEEN</Withholding>"));
    }

    @Test
    void aMalformedEnvelopeIsAFaultNamingTheProblem() {
        Soap.post("inspector", Soap.request("NO_SUCH_CONTEXT", Soap.detail("CompanyID", COMPANY, null)))
                .statusCode(500).body(containsString("cvc-")).body(not(containsString("NO_SUCH_CONTEXT")));
        Soap.post("inspector", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><oops").statusCode(500).body(containsString("faultstring"));
    }

    @Test
    void aDtdIsRefusedAndNoEntityIsExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + Soap.request("PUBLIC_PROCUREMENT", Soap.detail("CompanyID", "&xxe;", null));
        Soap.post("inspector", xxe).statusCode(500).body(containsString("faultstring"))
                .body(not(containsString("root:")));
    }

    @Test
    void callsNeedCredentialsTheWsdlDoesNot() {
        given().contentType("text/xml").body(Soap.request("PUBLIC_PROCUREMENT", Soap.detail("CompanyID", COMPANY, null)))
                .post("/soap/EmployerAccountBalance").then().statusCode(401);
        given().get("/soap/EmployerAccountBalance?wsdl").then().statusCode(200)
                .body(containsString("GetEmployerAccountBalance"));
    }

    @Test
    void anOversizedRequestIsRefusedBeforeItIsRead() throws Exception {
        // Only the headers are sent: the 413 comes from the announced length, before any body is read.
        // RestAssured's port is the application's in both modes (EmployerAccountBalanceEndpointIT injects nothing).
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            String auth = Base64.getEncoder().encodeToString("inspector:inspector-secret".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(("POST /soap/EmployerAccountBalance HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Basic " + auth + "\r\nContent-Type: text/xml\r\nContent-Length: "
                    + (9 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            org.assertj.core.api.Assertions.assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }
}
