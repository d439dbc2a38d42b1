package io.reportingsuite.debt.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.ServiceProcess;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's "a restart of debt-service mid-batch loses and duplicates nothing", against the packaged
 * application ({@code target/quarkus-app/quarkus-run.jar}) in a child process on the test's devstack (a
 * Quarkus test cannot kill itself): a 20,000-item batch arrives over AMQP {@code debt.batch-requests}, the
 * process is killed (SIGKILL) once some chunks are committed, started again, and then every item has exactly
 * one stored result, one audit row and one answer in exactly one {@code debt.batch-results} group.
 */
class DebtCrashIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final int LEDGER = 120;
    private static final int ITEMS = 20_000;
    private static final int GROUP_SIZE = 1_000;

    @Test
    void killedMidBatchItLosesAndDuplicatesNothing() throws Exception {
        DevStack stack = SharedDevStack.get();
        String jdbcUrl = stack.database().jdbcUrl("debt");
        Vertx vertx = Vertx.vertx();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(stack.broker().amqpHost()).setPort(stack.broker().amqpPort()));
        try {
            AmqpConnection connection = get(client.connect());
            String requestId = "crash-" + UUID.randomUUID();
            BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
            AmqpReceiver receiver = get(connection.createReceiver(Addresses.DEBT_BATCH_RESULTS));
            receiver.handler(m -> {
                JsonObject doc = new JsonObject(m.bodyAsString());
                if (requestId.equals(doc.getString("requestId"))) {
                    received.add(doc);
                }
            });

            try (ServiceProcess first = start(stack, "debt-kill-1")) {
                importLedger(port(first));
                var sender = get(connection.createSender(Addresses.DEBT_BATCH_REQUESTS));
                JsonObject request = new JsonObject().put("type", "DebtBatchRequest").put("version", 1)
                        .put("requestId", requestId).put("consumer", "inspector").put("legalContext", "ART_30BIS")
                        .put("closingDate", "2026-12-02").put("items", new JsonArray(new ArrayList<>(items())));
                get(sender.sendWithAck(AmqpMessage.create().durable(true).contentType("application/json")
                        .withBody(request.encode()).build()));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> count(jdbcUrl, "select count(*) from debt_batch_result") >= ITEMS / 10);
                first.kill();
            }
            int storedAtKill = count(jdbcUrl, "select count(*) from debt_batch_result");
            assertThat(storedAtKill).as("killed mid-batch").isBetween(ITEMS / 10, ITEMS - 1);

            try (ServiceProcess second = start(stack, "debt-kill-2")) {
                List<JsonObject> groups = new ArrayList<>();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    received.drainTo(groups);
                    return groups.size() >= ITEMS / GROUP_SIZE;
                });
                assertThat(received.poll(3, TimeUnit.SECONDS)).as("no group twice").isNull();

                Map<Integer, Integer> answersPerPosition = new TreeMap<>();
                Map<Integer, Integer> copiesPerGroup = new HashMap<>();
                for (JsonObject group : groups) {
                    copiesPerGroup.merge(group.getInteger("group"), 1, Integer::sum);
                    for (Object r : group.getJsonArray("results")) {
                        JsonObject result = (JsonObject) r;
                        answersPerPosition.merge(result.getInteger("position"), 1, Integer::sum);
                        assertThat(result.getJsonObject("answer").getString("resultCode")).isEqualTo("OK");
                    }
                }
                assertThat(copiesPerGroup).hasSize(ITEMS / GROUP_SIZE).allSatisfy((g, n) -> assertThat(n).isOne());
                assertThat(answersPerPosition).hasSize(ITEMS).allSatisfy((p, n) -> assertThat(n).isOne());
                assertThat(answersPerPosition.keySet()).first().isEqualTo(0);
                assertThat(answersPerPosition.keySet()).last().isEqualTo(ITEMS - 1);
            }
            assertThat(count(jdbcUrl, "select count(*) from debt_batch_result")).isEqualTo(ITEMS);
            assertThat(count(jdbcUrl, "select count(distinct position) from debt_batch_result")).isEqualTo(ITEMS);
            assertThat(count(jdbcUrl, "select count(*) from debt_batch where state = 'DONE' and done = total"))
                    .isOne();
            // the audit is written in each chunk's transaction: one row per item, the rolled-back chunk not twice
            assertThat(count(jdbcUrl, "select count(*) from query_audit where legal_context = 'ART_30BIS'"))
                    .isEqualTo(ITEMS);
        } finally {
            get(client.close());
            get(vertx.close());
        }
    }

    private static ServiceProcess start(DevStack stack, String name) throws Exception {
        Map<String, String> config = new TreeMap<>(stack.quarkusConfig("debt"));
        config.put("quarkus.profile", "prod,local");
        config.put("quarkus.http.port", "0");
        config.put("quarkus.log.console.json.enabled", "false");
        // small chunks: many commits, so the kill lands between two of them with work on both sides
        config.put("debt.batch.chunk-size", "200");
        ServiceProcess process = ServiceProcess.start(name, APP, "384m", config, Path.of("target", name + ".log"));
        try {
            process.awaitLog(ServiceProcess.STARTED, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        return process;
    }

    private static int port(ServiceProcess process) throws Exception {
        Matcher port = LISTENING.matcher(Files.readString(process.log(), StandardCharsets.ISO_8859_1));
        if (!port.find()) {
            throw new IllegalStateException("no HTTP port in " + process.log());
        }
        return Integer.parseInt(port.group(1));
    }

    private static void importLedger(int port) throws Exception {
        String json = DemoLedger.generate("crash-ledger", 0, LEDGER, LocalDate.of(2026, 12, 2), 8).toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/ledger/imports"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("ledger:ledger-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static List<Map<String, String>> items() {
        List<Map<String, String>> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            items.add(Map.of("companyId", DemoLedger.companyId(i % LEDGER)));
        }
        return items;
    }

    private static int count(String jdbcUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "debt", "debt");
                PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
