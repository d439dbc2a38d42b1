package io.reportingsuite.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The case-system stub's Styret SFTP kvittering service: a real SOAP call is recorded and can be read back. */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class KvitteringStubTest {

    @Test
    void theWsdlIsServed() {
        given().get("/soap/kvittering?wsdl").then().statusCode(200).body(containsString("DeliverTechnicalReceipt"));
    }

    @Test
    void aTechnicalReceiptIsRecordedWithItsErrorMessages() {
        String uuid = UUID.randomUUID().toString();
        String id = "AK" + uuid.replace("-", "").substring(0, 14).toUpperCase();
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:t=\"http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types\"><soapenv:Body>"
                + "<t:TechnicalReceipt><t:FileTransferUUID>" + uuid + "</t:FileTransferUUID>"
                + "<t:SendersFileId>" + id + "</t:SendersFileId><t:Receipt><t:Message>REFUSED</t:Message></t:Receipt>"
                + "<t:ErrorMessage><t:ErrorCode>1</t:ErrorCode><t:ErrorCodeDescription>E05</t:ErrorCodeDescription>"
                + "<t:ErrorDescription>line 9, record 9999: Antal_records does not match [E05]</t:ErrorDescription>"
                + "</t:ErrorMessage></t:TechnicalReceipt></soapenv:Body></soapenv:Envelope>";
        Instant before = Instant.now();
        given().contentType("text/xml; charset=UTF-8").body(envelope).post("/soap/kvittering").then().statusCode(200)
                .body("Envelope.Body.KvitteringResponse.ResponseMessage", equalTo("OK"));
        given().queryParam("sendersFileId", id).get("/api/v1/case-system-stub/kvitteringer").then().statusCode(200)
                .body("", hasSize(1), "[0].fileTransferUuid", equalTo(uuid), "[0].result", equalTo("REFUSED"),
                        "[0].errors[0].errorCode", equalTo(1), "[0].errors[0].errorCodeDescription", equalTo("E05"));
        // When the stub took it (ISO-8601): suite-tests order it against the forward.
        Instant receivedAt = Instant.parse(given().queryParam("sendersFileId", id)
                .get("/api/v1/case-system-stub/kvitteringer").then().extract().jsonPath().getString("[0].receivedAt"));
        assertThat(receivedAt).isBetween(before, Instant.now());
    }
}
