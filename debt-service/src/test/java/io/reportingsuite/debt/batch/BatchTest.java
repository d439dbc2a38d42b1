package io.reportingsuite.debt.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grouped batches: progress is visible while a batch runs, results are released a group at a time, and
 * stopping the worker mid-batch (as a crash: the chunk in progress is rolled back) then starting it again
 * loses and duplicates nothing. The restart is of the worker bean inside one Quarkus run, not of the JVM.
 * Size: {@code -Dbench.batch-items} (20 000 by default; the bench profile runs 100 000).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class BatchTest {

    static final int LEDGER = 120;
    static final int ITEMS = Integer.getInteger("bench.batch-items", 20_000);

    @Inject
    BatchWorker worker;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void ledger() {
        Ledger.importJson(DemoLedger.generate("batch-ledger", 0, LEDGER, java.time.LocalDate.of(2026, 12, 2), 8)
                .toString()).statusCode(Matchers.oneOf(200, 201));
        worker.start();
    }

    static List<Map<String, String>> items(int n) {
        List<Map<String, String>> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int e = i % LEDGER;
            items.add(i % 5 == 4 && e % DemoLedger.PROFILES != 11
                    ? Map.of("nossRegistrationNbr", DemoLedger.nossNumber(e))
                    : Map.of("companyId", DemoLedger.companyId(e)));
        }
        return items;
    }

    @Test
    void aLargeBatchShowsProgressSurvivesAStopAndStoresEveryResultOnce() throws Exception {
        long started = System.nanoTime();
        String location = given().auth().preemptive().basic("inspector", "inspector-secret")
                .contentType(ContentType.JSON)
                .body(Map.of("legalContext", "ART_30BIS", "closingDate", "2026-12-02", "items", items(ITEMS)))
                .post("/api/v1/debt-queries/batches").then().statusCode(202)
                .body("total", equalTo(ITEMS)).extract().header("Location");
        assertThat(location).contains("/api/v1/debt-queries/batches/");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> status(location).getInt("done") >= ITEMS / 10);
        worker.stop();
        JsonPath stopped = status(location);
        int doneAtStop = stopped.getInt("done");
        assertThat(doneAtStop).as("stopped mid-batch").isLessThan(ITEMS);
        assertThat(stopped.getString("state")).isEqualTo("RUNNING");
        assertThat(resultRows(id)).as("only committed chunks are stored").isEqualTo(doneAtStop);

        worker.start();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> "DONE".equals(status(location).getString("state")));
        System.out.printf("batch of %d items: %d ms including the stop%n", ITEMS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(resultRows(id)).isEqualTo(ITEMS);
        assertThat(maxPosition(id)).isEqualTo(ITEMS - 1);

        JsonPath first = status(location);
        assertThat(first.getInt("done")).isEqualTo(ITEMS);
        assertThat(first.getList("results")).hasSize(Math.min(ITEMS, first.getInt("groupSize")));
        assertThat(first.getInt("results[0].position")).isZero();
        assertThat(first.getString("results[0].answer.resultCode")).isEqualTo("OK");
        assertThat(first.getString("results[0].answer.withholding")).isIn("JA", "NEEN");
        int last = first.getInt("groups") - 1;
        JsonPath lastGroup = given().auth().preemptive().basic("inspector", "inspector-secret")
                .get(location + "?group=" + last).then().statusCode(200).extract().jsonPath();
        assertThat(lastGroup.getInt("results[-1].position")).isEqualTo(ITEMS - 1);
    }

    @Test
    void anotherConsumerNeitherSeesTheBatchNorMayAskForAContextItIsNotAllowed() {
        given().auth().preemptive().basic("telemarc", "telemarc-secret").contentType(ContentType.JSON)
                .body(Map.of("legalContext", "ART_30BIS", "items", items(3)))
                .post("/api/v1/debt-queries/batches").then().statusCode(403);
        String location = given().auth().preemptive().basic("inspector", "inspector-secret")
                .contentType(ContentType.JSON).body(Map.of("legalContext", "ART_30BIS", "items", items(3)))
                .post("/api/v1/debt-queries/batches").then().statusCode(202).extract().header("Location");
        given().auth().preemptive().basic("telemarc", "telemarc-secret").get(location).then().statusCode(404);
        given().auth().preemptive().basic("inspector", "inspector-secret").contentType(ContentType.JSON)
                .body(Map.of("legalContext", "ART_30BIS", "items", List.of()))
                .post("/api/v1/debt-queries/batches").then().statusCode(422)
                .body("refusals[0].pointer", equalTo("/items"));
    }

    @Test
    void amqpRequestsAreAnsweredInGroupsOnceEachEvenWhenRedelivered() throws Exception {
        Vertx vertx = Vertx.vertx();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(SharedDevStack.get().broker().amqpHost()).setPort(SharedDevStack.get().broker().amqpPort()));
        try {
            AmqpConnection connection = get(client.connect());
            String requestId = "amqp-" + UUID.randomUUID();
            int n = 2_500;
            JsonObject request = new JsonObject().put("type", "DebtBatchRequest").put("version", 1)
                    .put("requestId", requestId).put("consumer", "inspector").put("legalContext", "ART_30BIS")
                    .put("closingDate", "2026-12-02").put("items", new JsonArray(new ArrayList<>(items(n))));
            var sender = get(connection.createSender(Addresses.DEBT_BATCH_REQUESTS));
            for (int copy = 0; copy < 2; copy++) {
                // The same request twice (a redelivery or a resend): one batch, one set of groups.
                get(sender.sendWithAck(AmqpMessage.create().durable(true).contentType("application/json")
                        .withBody(request.encode()).build()));
            }
            BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
            Map<String, Object> duplicateIds = new HashMap<>();
            AmqpReceiver receiver = get(connection.createReceiver(Addresses.DEBT_BATCH_RESULTS));
            receiver.handler(m -> {
                JsonObject doc = new JsonObject(m.bodyAsString());
                if (requestId.equals(doc.getString("requestId"))) {
                    duplicateIds.put(doc.getInteger("group").toString(),
                            m.applicationProperties().getValue(MessageProperties.DUPLICATE_ID));
                    received.add(doc);
                }
            });
            List<JsonObject> groups = new ArrayList<>();
            int expected = (n + 999) / 1000;
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                received.drainTo(groups);
                return groups.size() >= expected;
            });
            assertThat(received.poll(2, TimeUnit.SECONDS)).as("no further group").isNull();
            assertThat(groups).extracting(g -> g.getInteger("group")).containsExactly(0, 1, 2);
            assertThat(groups).allSatisfy(g -> {
                assertThat(g.getString("type")).isEqualTo("DebtBatchResults");
                assertThat(g.getInteger("version")).isEqualTo(1);
            });
            assertThat(groups.stream().mapToInt(g -> g.getJsonArray("results").size()).sum()).isEqualTo(n);
            assertThat(String.valueOf(duplicateIds.get("0"))).endsWith(":0");
        } finally {
            get(client.close());
            get(vertx.close());
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonPath status(String location) {
        return given().auth().preemptive().basic("inspector", "inspector-secret").get(location).then()
                .statusCode(200).extract().jsonPath();
    }

    private int resultRows(UUID id) throws Exception {
        return queryInt("select count(*) from debt_batch_result where batch_id = ?", id);
    }

    private int maxPosition(UUID id) throws Exception {
        return queryInt("select max(position) from debt_batch_result where batch_id = ?", id);
    }

    private int queryInt(String sql, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
