package io.reportingsuite.receipt.batch;

import io.reportingsuite.support.messaging.SettledSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Hands a {@code BatchAnswer} to ingest-service on {@code batch.answers}: durable, JSON, with the duplicate id
 * {@code batch-answer:<batchId or requestId>:<group>} (the broker drops a second copy of a redelivered group),
 * and waits until the broker settled it.
 */
@ApplicationScoped
public class BatchAnswerPublisher {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Emitter<String> emitter;

    public BatchAnswerPublisher(@Channel("batch-answers-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Blocks until settled; {@link IllegalStateException} when the broker refused or did not answer. */
    public void publish(String duplicateId, String answer) throws InterruptedException {
        SettledSend.durableJson(emitter, duplicateId, answer, TIMEOUT, "the batch answer " + duplicateId);
    }
}
