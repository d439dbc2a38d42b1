package io.reportingsuite.ingest.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.HttpLimitsContract;
import io.reportingsuite.ingest.support.RawHttp;

/** Slow and oversized HTTP requests against ingest-service (issue 14): see {@link HttpLimitsContract}. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class HttpLimitsTest extends HttpLimitsContract {

    @Override
    protected String bodyPath() {
        return "/api/v1/indberetninger";
    }

    @Override
    protected String authorization() {
        return RawHttp.basic("ky", "ky-secret");
    }
}
