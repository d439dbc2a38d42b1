package io.reportingsuite.forwarder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.HttpLimitsContract;
import java.util.Map;

/**
 * Slow and oversized HTTP requests against forwarder-service (issue 14): see {@link HttpLimitsContract}. Its HTTP
 * port serves only the operations endpoints, which read no request body: the body cases are skipped.
 */
@QuarkusTest
@TestProfile(HttpLimitsTest.ShortIdleTimeout.class)
@QuarkusTestResource(DevStackTestResource.class)
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
        return null;
    }
}
