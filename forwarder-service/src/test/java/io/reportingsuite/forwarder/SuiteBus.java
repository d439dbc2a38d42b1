package io.reportingsuite.forwarder;

import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingEventCodec;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The suite's broker as the other services see it, for tests: put forsendelser on
 * {@code eindkomst.forsendelser} as ingest-service does, read {@code eindkomst.retur} as receipt-service
 * does (filtered by a selector, so tests do not take each other's messages) and follow {@code suite.tracking}.
 */
final class SuiteBus implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;
    private final AmqpSender forsendelser;
    private final List<AmqpReceiver> receivers = new ArrayList<>();

    SuiteBus() throws Exception {
        var broker = SharedDevStack.get().broker();
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(broker.amqpHost()).setPort(broker.amqpPort()));
        connection = await(client.connect());
        forsendelser = await(connection.createSender(Addresses.FORSENDELSER));
    }

    /** Sends like ingest-service: durable, raw bytes, the metadata as application properties. */
    void send(byte[] body, Map<String, Object> properties) throws Exception {
        await(forsendelser.sendWithAck(AmqpMessage.create().withBufferAsBody(Buffer.buffer(body)).durable(true)
                .applicationProperties(new JsonObject(properties)).build()));
    }

    /** {@link #send} without waiting: completes when the broker has settled the message. */
    CompletableFuture<Void> sendAsync(byte[] body, Map<String, Object> properties) {
        return forsendelser.sendWithAck(AmqpMessage.create().withBufferAsBody(Buffer.buffer(body)).durable(true)
                .applicationProperties(new JsonObject(properties)).build()).toCompletionStage().toCompletableFuture();
    }

    /** What arrives on an address that matches the selector; acknowledged on arrival. */
    BlockingQueue<AmqpMessage> receive(String address, String selector) throws Exception {
        BlockingQueue<AmqpMessage> queue = new LinkedBlockingQueue<>();
        AmqpReceiverOptions options = new AmqpReceiverOptions();
        if (selector != null) {
            options.setSelector(selector);
        }
        AmqpReceiver receiver = await(connection.createReceiver(address, options));
        receiver.handler(queue::add);
        receivers.add(receiver);
        return queue;
    }

    /** The return documents for one forsendelse. */
    BlockingQueue<AmqpMessage> retur(String hovedIndberetningId) throws Exception {
        return receive(Addresses.RETUR, MessageProperties.HOVED_INDBERETNING_ID + " = '" + hovedIndberetningId + "'");
    }

    /** Every tracking event from now on. */
    BlockingQueue<TrackingEvent> tracking() throws Exception {
        BlockingQueue<TrackingEvent> events = new LinkedBlockingQueue<>();
        AmqpReceiver receiver = await(connection.createReceiver(Addresses.TRACKING,
                new AmqpReceiverOptions().addCapability("topic")));
        receiver.handler(m -> events.add(TrackingEventCodec.fromJson(m.bodyAsString())));
        receivers.add(receiver);
        return events;
    }

    static byte[] body(AmqpMessage m) {
        return m.bodyAsBinary().getBytes();
    }

    @Override
    public void close() throws Exception {
        for (AmqpReceiver r : receivers) {
            await(r.close());
        }
        await(connection.close());
        await(client.close());
        await(vertx.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
