package io.reportingsuite.support.messaging;

import io.opentelemetry.context.Context;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends an AMQP message and tells when the broker settled it: what every "only after the durable message
 * was accepted" rule of ARCHITECTURE §5 waits on.
 */
public final class SettledSend {

    private SettledSend() {
    }

    /**
     * A durable JSON document with its duplicate id (message id and the broker's duplicate-detection property:
     * a redelivered producer's second copy is dropped), blocking until the broker settled it. Throws
     * {@link IllegalStateException} naming {@code what} when the broker refused it or did not answer in time.
     */
    public static void durableJson(Emitter<String> emitter, String duplicateId, String json, Duration timeout,
                                   String what) throws InterruptedException {
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType("application/json")
                .withMessageId(duplicateId)
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, duplicateId)
                .build();
        try {
            send(emitter, json, metadata).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not accept " + what, e);
        }
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
