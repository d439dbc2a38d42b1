package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.OperationsEndpointsContract;
import java.util.List;

@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class ReceiptOperationsTest extends OperationsEndpointsContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Database connections health check", "SmallRye Reactive Messaging - readiness check");
    }

    @Override
    protected String applicationName() {
        return "receipt-service";
    }
}
