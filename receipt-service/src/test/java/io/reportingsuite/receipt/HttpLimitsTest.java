package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.HttpLimitsContract;

/**
 * Slow and oversized HTTP requests against receipt-service (issue 14): see {@link HttpLimitsContract}. The body path
 * is the recording case-system stub's kvittering service, the one listener of receipt that reads a request body.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class HttpLimitsTest extends HttpLimitsContract {

    @Override
    protected String bodyPath() {
        return "/soap/kvittering";
    }

    @Override
    protected String contentType() {
        return "text/xml; charset=UTF-8";
    }
}
