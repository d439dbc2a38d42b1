package io.reportingsuite.debt.batch;

import io.reportingsuite.support.messaging.SettledSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Sends one group document to {@code debt.batch-results}, durable, and waits until the broker settled it. */
@ApplicationScoped
public class BatchResultPublisher {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Emitter<String> emitter;

    public BatchResultPublisher(@Channel("batch-results-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Blocks until settled; throws {@link IllegalStateException} when the broker refused or did not answer. */
    public void publish(String duplicateId, String document) throws InterruptedException {
        SettledSend.durableJson(emitter, duplicateId, document, TIMEOUT, "the batch result group");
    }
}
