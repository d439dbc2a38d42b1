package io.reportingsuite.forwarder.messaging;

import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Small AMQP helpers: send and learn when the broker settled the message; read a body as bytes. */
final class Amqp {

    private Amqp() {
    }

    /** Completes when the broker accepted the durable message, exceptionally when it did not. */
    static CompletableFuture<Void> sendSettled(Emitter<byte[]> emitter, byte[] body, OutgoingAmqpMetadata metadata) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        emitter.send(Message.of(body)
                .addMetadata(metadata)
                .withAck(() -> {
                    settled.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    settled.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return settled;
    }

    /** The body of an incoming AMQP message as bytes (a data section, or a string as ISO-8859-1). */
    static byte[] bytes(Object payload) {
        if (payload instanceof byte[] b) {
            return b;
        }
        if (payload instanceof io.vertx.core.buffer.Buffer b) {
            return b.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer b) {
            return b.getBytes();
        }
        if (payload instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        return new byte[0];
    }
}
