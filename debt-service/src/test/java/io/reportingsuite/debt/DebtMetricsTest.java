package io.reportingsuite.debt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * debt-service's business meters move with real queries: {@code debt_queries_total} per employer asked about,
 * by channel (rest, soap, batch), legal context and result code, and {@code debt_batch_items_done_total}. No
 * tag holds an employer number.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class DebtMetricsTest {

    static final String COMPANY = "0858147419";
    static final String UNKNOWN = "0417497106";
    static final String PATH = "/api/v1/employers/{id}/balance";

    @Inject
    MeterRegistry registry;

    @Test
    void queries_are_counted_per_item_by_channel_context_and_result() {
        Ledger.importJson(Ledger.oneEmployer("metrics-test", COMPANY, "154824803", "2026Q2", 300_001));
        double restOk = count("rest", "PUBLIC_PROCUREMENT", "OK");
        double restRefused = count("rest", "ART_30BIS", "NOT_AUTHORIZED");
        double soapOk = count("soap", "ART_30BIS", "OK");
        double soapNotFound = count("soap", "ART_30BIS", "NOT_FOUND");
        double batchOk = count("batch", "ART_30BIS", "OK");
        double batchNotFound = count("batch", "ART_30BIS", "NOT_FOUND");
        double itemsDone = items("OK") + items("NOT_FOUND");

        given().auth().preemptive().basic("telemarc", "telemarc-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "PUBLIC_PROCUREMENT").get(PATH).then().statusCode(200);
        given().auth().preemptive().basic("telemarc", "telemarc-secret").pathParam("id", COMPANY)
                .queryParam("legalContext", "ART_30BIS").get(PATH).then().statusCode(403);
        Soap.post("inspector", Soap.request("ART_30BIS", Soap.detail("CompanyID", COMPANY, null),
                Soap.detail("CompanyID", UNKNOWN, null))).statusCode(200);
        given().auth().preemptive().basic("inspector", "inspector-secret").contentType(ContentType.JSON)
                .body(Map.of("legalContext", "ART_30BIS", "items", List.of(Map.of("companyId", COMPANY),
                        Map.of("companyId", UNKNOWN), Map.of("companyId", COMPANY))))
                .post("/api/v1/debt-queries/batches").then().statusCode(202);

        assertThat(count("rest", "PUBLIC_PROCUREMENT", "OK")).isEqualTo(restOk + 1);
        assertThat(count("rest", "ART_30BIS", "NOT_AUTHORIZED")).isEqualTo(restRefused + 1);
        assertThat(count("soap", "ART_30BIS", "OK")).isEqualTo(soapOk + 1);
        assertThat(count("soap", "ART_30BIS", "NOT_FOUND")).isEqualTo(soapNotFound + 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("batch", "ART_30BIS", "OK")).isEqualTo(batchOk + 2);
            assertThat(count("batch", "ART_30BIS", "NOT_FOUND")).isEqualTo(batchNotFound + 1);
            assertThat(items("OK") + items("NOT_FOUND")).isEqualTo(itemsDone + 3);
        });
        registry.getMeters().forEach(m -> m.getId().getTags().forEach(t ->
                assertThat(t.getValue()).doesNotContain(COMPANY, UNKNOWN)));
    }

    private double count(String channel, String context, String result) {
        Counter c = registry.find("debt.queries").tags("channel", channel, "legal_context", context, "result", result)
                .counter();
        return c == null ? 0 : c.count();
    }

    private double items(String result) {
        Counter c = registry.find("debt.batch.items.done").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }
}
