package io.reportingsuite.forwarder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.HttpLimitsContract;

/**
 * Slow and oversized HTTP requests against forwarder-service (issue 14): see {@link HttpLimitsContract}. Its HTTP
 * port serves only the operations endpoints, which read no request body: the body cases are skipped.
 */
@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class HttpLimitsTest extends HttpLimitsContract {

    @Override
    protected String bodyPath() {
        return null;
    }
}
