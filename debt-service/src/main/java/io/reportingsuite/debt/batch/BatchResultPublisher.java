package io.reportingsuite.debt.batch;

import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.support.messaging.SettledSend;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Sends one group document to {@code debt.batch-results}, durable, and waits until the broker settled it. */
@ApplicationScoped
public class BatchResultPublisher {

    private final Emitter<String> emitter;

    public BatchResultPublisher(@Channel("batch-results-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Blocks until settled; throws {@link IllegalStateException} when the broker refused or did not answer. */
    public void publish(String duplicateId, String document) throws InterruptedException {
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType("application/json")
                .withMessageId(duplicateId)
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, duplicateId)
                .build();
        try {
            SettledSend.send(emitter, document, metadata).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not accept the batch result group", e);
        }
    }
}
