package io.reportingsuite.ingest.soap;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SoapAttacksContract;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.specification.RequestSpecification;

/**
 * Hostile XML against EP_FS1 {@code SkatIndberetning} (issue 14): see {@link SoapAttacksContract}. The valid
 * request is one forsendelse, accepted once and then an idempotent resend.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class SoapAttacksTest extends SoapAttacksContract {

    private static final String ID = Samples.newId('A');
    private static final String VALID = Soap.request(ID, Samples.withId("ky-valid.txt", ID));

    @Override
    protected String soapPath() {
        return Soap.PATH;
    }

    @Override
    protected String validEnvelope() {
        return VALID;
    }

    @Override
    protected RequestSpecification authenticated(RequestSpecification request) {
        return request.auth().preemptive().basic("ky", "ky-secret");
    }
}
