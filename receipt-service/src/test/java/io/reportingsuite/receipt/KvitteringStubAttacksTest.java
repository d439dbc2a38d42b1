package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.SoapAttacksContract;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/**
 * Hostile XML against the recording case-system stub's kvittering service {@code /soap/kvittering} (issue 14): see
 * {@link SoapAttacksContract}. The stub stands in for a case system in local runs and tests; a deployment switches
 * it off ({@code receipt.case-system-stub.enabled=false}: every call is refused), but the listener is there in every
 * profile, so it is hardened like the others. It takes no credentials.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class KvitteringStubAttacksTest extends SoapAttacksContract {

    private static final String UUID_TEXT = UUID.randomUUID().toString();
    private static final String VALID = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:t=\"http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types\"><soapenv:Body>"
            + "<t:TechnicalReceipt><t:FileTransferUUID>" + UUID_TEXT + "</t:FileTransferUUID>"
            + "<t:SendersFileId>AK" + UUID_TEXT.replace("-", "").substring(0, 14).toUpperCase() + "</t:SendersFileId>"
            + "<t:Receipt><t:Message>ACCEPTED</t:Message></t:Receipt></t:TechnicalReceipt></soapenv:Body>"
            + "</soapenv:Envelope>";

    @Override
    protected String soapPath() {
        return "/soap/kvittering";
    }

    @Override
    protected String validEnvelope() {
        return VALID;
    }

    @Override
    protected RequestSpecification authenticated(RequestSpecification request) {
        return request;
    }
}
