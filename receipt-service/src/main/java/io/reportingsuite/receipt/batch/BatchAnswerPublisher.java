package io.reportingsuite.receipt.batch;

import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.support.messaging.SettledSend;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Hands a {@code BatchAnswer} to ingest-service on {@code batch.answers}: durable, JSON, with the duplicate id
 * {@code batch-answer:<batchId or requestId>:<group>} (the broker drops a second copy of a redelivered group),
 * and waits until the broker settled it.
 */
@ApplicationScoped
public class BatchAnswerPublisher {

    private final Emitter<String> emitter;

    public BatchAnswerPublisher(@Channel("batch-answers-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Blocks until settled; {@link IllegalStateException} when the broker refused or did not answer. */
    public void publish(String duplicateId, String answer) throws InterruptedException {
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType("application/json")
                .withMessageId(duplicateId)
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, duplicateId)
                .build();
        try {
            SettledSend.send(emitter, answer, metadata).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not accept the batch answer " + duplicateId, e);
        }
    }
}
