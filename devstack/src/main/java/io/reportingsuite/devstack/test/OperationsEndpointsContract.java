package io.reportingsuite.devstack.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service must offer operators (ARCHITECTURE §7), asserted the same way for each: health
 * groups that are UP with the service's real dependency checks, Prometheus metrics, the OpenAPI document
 * and Swagger UI. A service's test extends it and names the readiness checks it expects.
 */
public abstract class OperationsEndpointsContract {

    /** The names of the readiness checks the service must report, e.g. the database and messaging checks. */
    protected abstract List<String> expectedReadinessChecks();

    protected abstract String applicationName();

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpWithTheRealDependencies() {
        var checks = expectedReadinessChecks();
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(checks.toArray(String[]::new)));
    }

    @Test
    void startupIsUp() {
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreServedForPrometheus() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("# TYPE process_uptime_seconds gauge"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo(applicationName()));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
