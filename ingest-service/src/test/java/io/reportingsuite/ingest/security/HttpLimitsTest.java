package io.reportingsuite.ingest.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.HttpLimitsContract;
import io.reportingsuite.ingest.support.RawHttp;
import java.util.Map;

/** Slow and oversized HTTP requests against ingest-service (issue 14): see {@link HttpLimitsContract}. */
@QuarkusTest
@TestProfile(HttpLimitsTest.ShortIdleTimeout.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
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
        return "/api/v1/indberetninger";
    }

    @Override
    protected String authorization() {
        return RawHttp.basic("ky", "ky-secret");
    }
}
