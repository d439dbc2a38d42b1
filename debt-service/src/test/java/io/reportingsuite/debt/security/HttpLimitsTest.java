package io.reportingsuite.debt.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.HttpLimitsContract;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Slow and oversized HTTP requests against debt-service (issue 14): see {@link HttpLimitsContract}. */
@QuarkusTest
@TestProfile(HttpLimitsTest.ShortIdleTimeout.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class HttpLimitsTest extends HttpLimitsContract {

    /** The service's test configuration with {@link HttpLimitsContract#TEST_IDLE_TIMEOUT} (15 s, not 60 s). */
    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return HttpLimitsContract.testConfig();
        }
    }

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
