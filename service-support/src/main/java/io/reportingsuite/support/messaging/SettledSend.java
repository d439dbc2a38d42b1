package io.reportingsuite.support.messaging;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends an AMQP message and tells when the broker settled it: what every "only after the durable message
 * was accepted" rule of ARCHITECTURE §5 waits on.
 */
public final class SettledSend {

    private SettledSend() {
    }

    /** Completes when the broker accepted the message, exceptionally when it refused it or it could not be sent. */
    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, OutgoingAmqpMetadata metadata) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        emitter.send(Message.of(payload)
                .addMetadata(metadata)
                // the caller's trace context, whichever thread the connector sends on (none when tracing is off)
                .addMetadata(TracingMetadata.withCurrent(Context.current()))
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
}
