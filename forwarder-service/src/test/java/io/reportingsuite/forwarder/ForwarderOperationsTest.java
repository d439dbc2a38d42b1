package io.reportingsuite.forwarder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.OperationsEndpointsContract;
import java.util.List;

@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class ForwarderOperationsTest extends OperationsEndpointsContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("SmallRye Reactive Messaging - readiness check");
    }

    @Override
    protected String applicationName() {
        return "forwarder-service";
    }
}
