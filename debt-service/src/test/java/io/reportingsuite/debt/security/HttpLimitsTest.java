package io.reportingsuite.debt.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.HttpLimitsContract;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Slow and oversized HTTP requests against debt-service (issue 14): see {@link HttpLimitsContract}. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class HttpLimitsTest extends HttpLimitsContract {

    @Override
    protected String bodyPath() {
        return "/soap/EmployerAccountBalance";
    }

    @Override
    protected String contentType() {
        return "text/xml; charset=UTF-8";
    }

    @Override
    protected String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString("inspector:inspector-secret"
                .getBytes(StandardCharsets.UTF_8));
    }
}
