package io.reportingsuite.debt.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.debt.batch.BatchWorker;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch channel's XML requests over the real broker (devstack's Artemis) and database: grouped results
 * carry the channel's requestId, consumer, environment and mandant; every kind of bad request is answered by
 * a DebtBatchRefused naming its reason, and the request message is settled (nothing stuck, nothing stored).
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class XmlBatchAmqpTest {

    static final int LEDGER = 60;
    static final String MANDANT = "0403170701";
    static final String CHANNEL = "batch-channel:BE_EMPLOYER";

    @Inject
    BatchWorker worker;

    Vertx vertx;
    AmqpClient client;
    AmqpConnection connection;
    AmqpSender sender;
    /** Every debt.batch-results document of this test, by requestId. */
    final Map<String, List<JsonObject>> results = new ConcurrentHashMap<>();
    final List<String> duplicateIds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        Ledger.importJson(DemoLedger.generate("xml-batch-ledger", 0, LEDGER, LocalDate.of(2026, 12, 2), 8).toString())
                .statusCode(Matchers.oneOf(200, 201));
        worker.start();
        vertx = Vertx.vertx();
        client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(SharedDevStack.get().broker().amqpHost()).setPort(SharedDevStack.get().broker().amqpPort()));
        connection = get(client.connect());
        sender = get(connection.createSender(Addresses.DEBT_BATCH_REQUESTS));
        AmqpReceiver receiver = get(connection.createReceiver(Addresses.DEBT_BATCH_RESULTS));
        receiver.handler(m -> {
            JsonObject doc = new JsonObject(m.bodyAsString());
            String id = doc.getString("requestId");
            if (id != null && id.startsWith("EACB.")) {
                results.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(doc);
                duplicateIds.add(String.valueOf(m.applicationProperties().getValue("_AMQ_DUPL_ID")));
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        get(client.close());
        get(vertx.close());
    }

    static int sequence = (int) (System.nanoTime() % 50_000);

    static String requestId() {
        return "EACB.100001.20261207." + String.format("%05d", 50_000 + (sequence++ % 49_999)) + ".R";
    }

    static String details(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int e = i % LEDGER;
            b.append(XmlBatchReaderTest.detail(i % 4 == 3
                    ? "<NOSSRegistrationNbr>" + DemoLedger.nossNumber(e) + "</NOSSRegistrationNbr>"
                    : "<CompanyID>" + DemoLedger.companyId(e) + "</CompanyID>", i == 0 ? "2026-12-02" : null));
        }
        return b.toString();
    }

    void send(String requestId, String consumer, String environment, String mandant, byte[] body) throws Exception {
        JsonObject properties = new JsonObject().put("requestId", requestId);
        if (consumer != null) {
            properties.put("consumer", consumer);
        }
        if (environment != null) {
            properties.put("environment", environment);
        }
        if (mandant != null) {
            properties.put("mandant", mandant);
        }
        get(sender.sendWithAck(AmqpMessage.create().durable(true).contentType("application/xml")
                .withBufferAsBody(Buffer.buffer(body)).applicationProperties(properties).build()));
    }

    List<JsonObject> awaitDocuments(String requestId, int count) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> results.getOrDefault(requestId, List.of()).size() >= count);
        return results.get(requestId);
    }

    JsonObject refusal(String requestId) {
        JsonObject doc = awaitDocuments(requestId, 1).get(0);
        assertThat(doc.getString("type")).isEqualTo("DebtBatchRefused");
        return doc;
    }

    @Test
    void anXmlBatchIsAnsweredInGroupsCarryingTheChannelsIdsOnceEvenWhenSentTwice() throws Exception {
        String id = requestId();
        byte[] body = XmlBatches.document(MANDANT, "ART_30BIS", details(2_300));
        send(id, CHANNEL, "R", MANDANT, body);
        send(id, CHANNEL, "R", MANDANT, body);
        List<JsonObject> groups = awaitDocuments(id, 3);
        TimeUnit.SECONDS.sleep(2);
        assertThat(results.get(id)).as("one set of groups").hasSize(3);
        assertThat(groups).extracting(g -> g.getInteger("group")).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(groups).allSatisfy(g -> {
            assertThat(g.getString("type")).isEqualTo("DebtBatchResults");
            assertThat(g.getString("consumer")).isEqualTo(CHANNEL);
            assertThat(g.getString("environment")).isEqualTo("R");
            assertThat(g.getString("mandant")).isEqualTo(MANDANT);
            assertThat(g.getString("legalContext")).isEqualTo("ART_30BIS");
            assertThat(g.getInteger("groups")).isEqualTo(3);
        });
        List<JsonObject> all = new ArrayList<>();
        groups.forEach(g -> g.getJsonArray("results").forEach(r -> all.add((JsonObject) r)));
        assertThat(all).hasSize(2_300);
        JsonObject first = all.stream().filter(r -> r.getInteger("position") == 0).findFirst().orElseThrow();
        assertThat(first.getJsonObject("item").getString("companyId")).isEqualTo(DemoLedger.companyId(0));
        assertThat(first.getJsonObject("answer").getString("resultCode")).isEqualTo("OK");
        assertThat(first.getJsonObject("answer").getString("closingDate")).isEqualTo("2026-12-02");
        JsonObject noss = all.stream().filter(r -> r.getInteger("position") == 3).findFirst().orElseThrow();
        assertThat(noss.getJsonObject("item").getString("nossRegistrationNbr")).isEqualTo(DemoLedger.nossNumber(3));
    }

    @Test
    void badDocumentsAndForbiddenRequestsAreRefusedWithAPreciseReason() throws Exception {
        String malformed = requestId();
        send(malformed, CHANNEL, "T", MANDANT, "<BatchRequest xmlns=\"http://socialsecurity.be/xml/ns/accountbalance\">\n<Req"
                .getBytes(StandardCharsets.UTF_8));
        String xxe = requestId();
        send(xxe, CHANNEL, "T", MANDANT, ("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<BatchRequest xmlns=\"http://socialsecurity.be/xml/ns/accountbalance\">&x;</BatchRequest>")
                .getBytes(StandardCharsets.UTF_8));
        String namespace = requestId();
        send(namespace, CHANNEL, "T", MANDANT, new String(XmlBatches.document(MANDANT, "ART_30BIS", details(2)),
                StandardCharsets.UTF_8).replace("http://socialsecurity.be/xml/ns/accountbalance", "urn:other")
                .getBytes(StandardCharsets.UTF_8));
        String context = requestId();
        send(context, CHANNEL, "T", MANDANT, XmlBatches.document(MANDANT, "PUBLIC_PROCUREMENT", details(2)));
        String otherMandant = requestId();
        send(otherMandant, CHANNEL, "T", "0123456749", XmlBatches.document(MANDANT, "ART_30BIS", details(2)));
        String noEnvironment = requestId();
        send(noEnvironment, CHANNEL, null, MANDANT, XmlBatches.document(MANDANT, "ART_30BIS", details(2)));

        JsonObject m = refusal(malformed);
        assertThat(m.getString("consumer")).isEqualTo(CHANNEL);
        assertThat(m.getString("environment")).isEqualTo("T");
        assertThat(m.getString("mandant")).isEqualTo(MANDANT);
        assertThat(m.getJsonArray("refusals").getJsonObject(0).getString("reason")).startsWith("Not well-formed XML");
        assertThat(m.getJsonArray("refusals").getJsonObject(0).getInteger("line")).isEqualTo(2);

        JsonObject x = refusal(xxe).getJsonArray("refusals").getJsonObject(0);
        assertThat(x.getString("reason")).contains("DOCTYPE").doesNotContain("root:");
        assertThat(x.getInteger("line")).isEqualTo(2);

        JsonObject n = refusal(namespace).getJsonArray("refusals").getJsonObject(0);
        assertThat(n.getString("reason")).contains("must be BatchRequest in namespace").contains("urn:other");
        assertThat(n.getString("pointer")).isEqualTo("/BatchRequest");

        JsonObject c = refusal(context).getJsonArray("refusals").getJsonObject(0);
        assertThat(c.getString("pointer")).isEqualTo("/BatchRequest/LegalContextInformation/LegalContext");
        assertThat(c.getString("reason")).contains("may not ask for the legal context PUBLIC_PROCUREMENT")
                .contains("debt.batch-channel.legal-contexts");

        JsonObject o = refusal(otherMandant).getJsonArray("refusals").getJsonObject(0);
        assertThat(o.getString("pointer")).isEqualTo("/BatchRequest/RequestInformation/Consumer/CompanyID");

        JsonObject e = refusal(noEnvironment).getJsonArray("refusals").getJsonObject(0);
        assertThat(e.getString("pointer")).isEqualTo("/environment");

        TimeUnit.SECONDS.sleep(1);
        for (String id : List.of(malformed, xxe, namespace, context, otherMandant, noEnvironment)) {
            assertThat(results.get(id)).as(id + ": one refusal, no results").hasSize(1);
        }
        assertThat(duplicateIds).contains("refused:" + CHANNEL + ":" + xxe);
    }

    @Test
    void aTenThousandItemXmlBatchCompletes() throws Exception {
        String id = requestId();
        long started = System.nanoTime();
        send(id, CHANNEL, "T", MANDANT, XmlBatches.document(MANDANT, "OTHER_ARTICLE", details(10_000)));
        List<JsonObject> groups = awaitDocuments(id, 10);
        System.out.printf("XML batch of 10000 items: all groups in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(groups.stream().mapToInt(g -> g.getJsonArray("results").size()).sum()).isEqualTo(10_000);
        assertThat(groups).allSatisfy(g -> assertThat(g.getString("environment")).isEqualTo("T"));
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
