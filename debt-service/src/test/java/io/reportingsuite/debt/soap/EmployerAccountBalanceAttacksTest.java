package io.reportingsuite.debt.soap;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SoapAttacksContract;
import io.restassured.specification.RequestSpecification;

/** Hostile XML against the EmployerAccountBalance SOAP endpoint (issue 14): see {@link SoapAttacksContract}. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class EmployerAccountBalanceAttacksTest extends SoapAttacksContract {

    @Override
    protected String soapPath() {
        return "/soap/EmployerAccountBalance";
    }

    @Override
    protected String validEnvelope() {
        return Soap.request("PUBLIC_PROCUREMENT", Soap.detail("CompanyID", "0417497106", "2026-12-02"));
    }

    @Override
    protected RequestSpecification authenticated(RequestSpecification request) {
        return request.auth().preemptive().basic("inspector", "inspector-secret");
    }
}
