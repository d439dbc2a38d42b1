package io.reportingsuite.receipt;

import io.reportingsuite.contracts.messaging.MessageProperties;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays forwarder-service (publishes onto {@code eindkomst.retur} exactly as the agreed contract says) and
 * the case systems' Beskedfordeler subscribers, with the Vert.x AMQP 1.0 client against the real broker.
 */
final class AmqpTestClient implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;

    AmqpTestClient() {
        Map<String, String> stack = ReceiptTestResource.devStack();
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(stack.get("amqp-host"))
                .setPort(Integer.parseInt(stack.get("amqp-port"))));
        connection = await(client.connect());
    }

    /** A durable message with a binary body and the given application properties (nulls left out). */
    void send(String address, byte[] body, Map<String, String> properties) {
        JsonObject props = new JsonObject();
        properties.forEach((k, v) -> {
            if (v != null) {
                props.put(k, v);
            }
        });
        var sender = await(connection.createSender(address));
        await(sender.sendWithAck(AmqpMessage.create().withBufferAsBody(Buffer.buffer(body)).durable(true)
                .applicationProperties(props).build()));
        await(sender.close());
    }

    /** A return document as forwarder-service sends it on eindkomst.retur. */
    void sendRetur(String type, String hovedId, String seNummer, String system, String skatMessageId,
                   String duplicateId, byte[] body) {
        java.util.HashMap<String, String> p = new java.util.HashMap<>();
        p.put(MessageProperties.FORSENDELSE_TYPE, type);
        p.put(MessageProperties.HOVED_INDBERETNING_ID, hovedId);
        p.put(MessageProperties.SE_NUMMER, seNummer);
        p.put(MessageProperties.SYSTEM, system);
        p.put(MessageProperties.SKAT_MESSAGE_ID, skatMessageId);
        p.put(MessageProperties.DUPLICATE_ID, duplicateId);
        send("eindkomst.retur", body, p);
    }

    /** Consumes {@code address}, acknowledging each message on arrival. */
    BlockingQueue<AmqpMessage> receive(String address) {
        BlockingQueue<AmqpMessage> queue = new LinkedBlockingQueue<>();
        AmqpReceiver receiver = await(connection.createReceiver(address,
                new AmqpReceiverOptions().setAutoAcknowledgement(true)));
        receiver.handler(queue::add);
        return queue;
    }

    /** Subscribes to a multicast address (suite.tracking). */
    BlockingQueue<AmqpMessage> subscribe(String address) {
        BlockingQueue<AmqpMessage> queue = new LinkedBlockingQueue<>();
        AmqpReceiver receiver = await(connection.createReceiver(address,
                new AmqpReceiverOptions().addCapability("topic")));
        receiver.handler(queue::add);
        return queue;
    }

    @Override
    public void close() {
        await(connection.close());
        await(client.close());
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
