package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.HttpLimitsContract;
import java.util.Map;

/**
 * Slow and oversized HTTP requests against receipt-service (issue 14): see {@link HttpLimitsContract}. The body path
 * is the recording case-system stub's kvittering service, the one listener of receipt that reads a request body.
 */
@QuarkusTest
@TestProfile(HttpLimitsTest.ShortIdleTimeout.class)
@QuarkusTestResource(ReceiptTestResource.class)
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
        return "/soap/kvittering";
    }

    @Override
    protected String contentType() {
        return "text/xml; charset=UTF-8";
    }
}
