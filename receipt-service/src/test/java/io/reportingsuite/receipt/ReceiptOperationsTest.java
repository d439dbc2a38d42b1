package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.OperationsEndpointsContract;
import java.util.List;
import org.junit.jupiter.api.Order;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "receipt"))
@QuarkusTestResource(ReceiptTestResource.class)
@Order(1)
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
