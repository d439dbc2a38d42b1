package io.reportingsuite.simulator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.OperationsEndpointsContract;
import java.util.List;

@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class SkatSimulatorOperationsTest extends OperationsEndpointsContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of();
    }

    @Override
    protected String applicationName() {
        return "skat-simulator";
    }
}
