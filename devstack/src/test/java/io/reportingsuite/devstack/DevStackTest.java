package io.reportingsuite.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.devstack.test.DevStackExtension;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guarantees ARCHITECTURE §3/§4 asks of the broker and the database, shown against the real embedded
 * servers with a real AMQP 1.0 client (the Vert.x client the services' connector is built on).
 */
@ExtendWith(DevStackExtension.class)
class DevStackTest {

    private static Vertx vertx;
    private static AmqpClient client;
    private static AmqpConnection connection;

    @BeforeAll
    static void connect(DevStack stack) throws Exception {
        vertx = Vertx.vertx();
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(stack.broker().amqpHost())
                .setPort(stack.broker().amqpPort()));
        connection = await(client.connect());
    }

    @AfterAll
    static void disconnect() throws Exception {
        await(client.close());
        await(vertx.close());
    }

    @Test
    void workQueuesKeepDurableMessagesUntilAConsumerComes(DevStack stack) throws Exception {
        String id = UUID.randomUUID().toString();
        send(Addresses.FORSENDELSER, id, null);
        // The broker settles the send once the message is stored; the queue's count follows on its executor.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> stack.broker().messageCount(Addresses.FORSENDELSER) >= 1);

        BlockingQueue<AmqpMessage> received = receive(Addresses.FORSENDELSER, true);
        assertThat(drainUntil(received, id)).isTrue();
    }

    @Test
    void exactRetriesAreDroppedByDuplicateDetection(DevStack stack) throws Exception {
        String id = UUID.randomUUID().toString();
        String key = "A0000000000DUP01-" + id;
        send(Addresses.DEBT_BATCH_RESULTS, id, key);
        send(Addresses.DEBT_BATCH_RESULTS, id, key);

        BlockingQueue<AmqpMessage> received = receive(Addresses.DEBT_BATCH_RESULTS, true);
        assertThat(drainUntil(received, id)).isTrue();
        AmqpMessage second = received.poll(1, TimeUnit.SECONDS);
        assertThat(second).as("the resent copy").isNull();
    }

    @Test
    void trackingIsMulticastToEverySubscriber() throws Exception {
        AmqpReceiverOptions topic = new AmqpReceiverOptions().addCapability("topic");
        BlockingQueue<AmqpMessage> first = new LinkedBlockingQueue<>();
        BlockingQueue<AmqpMessage> second = new LinkedBlockingQueue<>();
        AmqpReceiver a = await(connection.createReceiver(Addresses.TRACKING, topic));
        AmqpReceiver b = await(connection.createReceiver(Addresses.TRACKING, topic));
        a.handler(first::add);
        b.handler(second::add);

        String id = UUID.randomUUID().toString();
        send(Addresses.TRACKING, id, null);

        assertThat(drainUntil(first, id)).isTrue();
        assertThat(drainUntil(second, id)).isTrue();
        await(a.close());
        await(b.close());
    }

    @Test
    void messagesThatKeepFailingEndInTheirDeadLetterQueue(DevStack stack) throws Exception {
        String id = UUID.randomUUID().toString();
        send(Addresses.RETUR, id, null);
        AmqpReceiver receiver = await(connection.createReceiver(Addresses.RETUR,
                new AmqpReceiverOptions().setAutoAcknowledgement(false)));
        BlockingQueue<AmqpMessage> deliveries = new LinkedBlockingQueue<>();
        receiver.handler(message -> {
            deliveries.add(message);
            message.modified(true, false);
        });
        int attempts = stack.broker().settings().maxDeliveryAttempts();
        for (int i = 0; i < attempts; i++) {
            assertThat(drainUntil(deliveries, id)).as("delivery attempt %d", i + 1).isTrue();
        }
        await(receiver.close());

        BlockingQueue<AmqpMessage> dead = receive(EmbeddedBroker.DEAD_LETTER_QUEUE_PREFIX + Addresses.RETUR, true);
        assertThat(drainUntil(dead, id)).isTrue();
    }

    @Test
    void eachServiceHasItsOwnDatabaseAndOnlyItsOwn(DevStack stack) throws Exception {
        for (String db : DatabaseSettings.SERVICE_DATABASES) {
            try (Connection c = DriverManager.getConnection(stack.database().jdbcUrl(db), db, db);
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(db);
                assertThat(rs.getString(2)).isEqualTo(db);
            }
        }
        assertThatThrownBy(() -> DriverManager.getConnection(stack.database().jdbcUrl("receipt"), "ingest", "ingest"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    @Test
    void statusPageListsTheDeclaredQueues(DevStack stack) {
        assertThat(stack.broker().queues()).extracting(EmbeddedBroker.QueueStats::queue)
                .contains(Addresses.WORK_QUEUES.toArray(String[]::new));
        assertThat(BrokerStatusPage.render(stack.broker())).startsWith("ADDRESS")
                .contains(Addresses.FORSENDELSER, Addresses.DEBT_BATCH_REQUESTS);
    }

    @Test
    void theEmbeddedSmtpServerReceivesMailAndTheStatusPageListsIt(DevStack stack) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", stack.mail().host());
        smtp.put("mail.smtp.port", Integer.toString(stack.mail().smtpPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
        mail.setFrom("reporting-suite-receipt@localhost");
        mail.setRecipients(Message.RecipientType.TO, "ky-" + tag + "@kommune.example");
        mail.setSubject("Retention warning " + tag);
        mail.setText("body-" + tag);
        Transport.send(mail);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stack.mail().received())
                .contains(new EmbeddedMail.Received(List.of("ky-" + tag + "@kommune.example"), "Retention warning " + tag)));
        try (BrokerStatusPage page = BrokerStatusPage.start(stack.broker(), stack.mail(), 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(page.url())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("ADDRESS").contains(Addresses.FORSENDELSER)
                    .contains("MAIL (SMTP 127.0.0.1:" + stack.mail().smtpPort() + ")")
                    .contains("to ky-" + tag + "@kommune.example: Retention warning " + tag)
                    .as("bodies are never shown").doesNotContain("body-" + tag);
        }
    }

    @Test
    void quarkusConfigPointsAtTheStack(DevStack stack) {
        assertThat(stack.quarkusConfig("debt"))
                .containsEntry("amqp-host", "127.0.0.1")
                .containsEntry("amqp-port", Integer.toString(stack.broker().amqpPort()))
                .containsEntry("quarkus.datasource.jdbc.url", stack.database().jdbcUrl("debt"))
                .containsEntry("quarkus.datasource.username", "debt");
        assertThat(stack.quarkusConfig(null)).doesNotContainKey("quarkus.datasource.jdbc.url");
    }

    private static void send(String address, String body, String duplicateId) throws Exception {
        JsonObject properties = new JsonObject();
        if (duplicateId != null) {
            properties.put(MessageProperties.DUPLICATE_ID, duplicateId);
        }
        var sender = await(connection.createSender(address));
        await(sender.sendWithAck(AmqpMessage.create().withBody(body).durable(true)
                .applicationProperties(properties).build()));
        await(sender.close());
    }

    private static BlockingQueue<AmqpMessage> receive(String address, boolean autoAck) throws Exception {
        BlockingQueue<AmqpMessage> queue = new LinkedBlockingQueue<>();
        AmqpReceiver receiver = await(connection.createReceiver(address,
                new AmqpReceiverOptions().setAutoAcknowledgement(autoAck)));
        receiver.handler(queue::add);
        return queue;
    }

    /** Takes messages until one with {@code body} arrives (others come from earlier tests' leftovers). */
    private static boolean drainUntil(BlockingQueue<AmqpMessage> queue, String body) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            AmqpMessage message = queue.poll(200, TimeUnit.MILLISECONDS);
            if (message != null && body.equals(message.bodyAsString())) {
                return true;
            }
        }
        return false;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
