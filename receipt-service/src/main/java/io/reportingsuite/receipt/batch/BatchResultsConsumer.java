package io.reportingsuite.receipt.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.reportingsuite.support.messaging.AmqpBody;
import io.reportingsuite.support.tracing.MessageSpans;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * debt-service's grouped answers ({@code debt.batch-results}, its {@code DebtBatchResults} and
 * {@code DebtBatchRefused} JSON) for the Belgian batch channel. A group whose consumer is
 * {@code batch-channel:<user>} is rendered as a {@code BatchResponse} ({@link BatchResponseWriter}), signed with
 * the platform key ({@link PlatformSigner}) and handed to ingest-service as a {@code BatchAnswer} on
 * {@code batch.answers} ({@link BatchAnswerPublisher}); the result message is acknowledged only after the
 * broker settled the answer, and a redelivered group gets the same duplicate id, so the channel sees it once.
 * A refusal for a channel consumer becomes a BatchResponse with the batch-level refusal, {@code refused: true}.
 * Groups of other consumers (REST and AMQP clients, who read {@code GET /api/v1/debt-queries/batches/{id}})
 * are acknowledged and counted ({@code receipt.batch.results.not.for.channel}). A message that is no such
 * document is given back to the broker (redelivered, then dead-lettered).
 */
@ApplicationScoped
public class BatchResultsConsumer {

    /** The consumer name prefix of debt requests from the batch channel. */
    public static final String CHANNEL_PREFIX = "batch-channel:";
    private static final Logger LOG = Logger.getLogger(BatchResultsConsumer.class);

    private final BatchResponseWriter writer = new BatchResponseWriter();
    private final PlatformSigner signer;
    private final BatchAnswerPublisher publisher;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final MessageSpans spans;

    public BatchResultsConsumer(PlatformSigner signer, BatchAnswerPublisher publisher, ObjectMapper json,
            MeterRegistry metrics, MessageSpans spans) {
        this.signer = signer;
        this.publisher = publisher;
        this.json = json;
        this.metrics = metrics;
        this.spans = spans;
    }

    @Incoming("batch-results-in")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<Object> message) {
        return spans.process(message, "debt.batch-results process", SpanKind.CONSUMER, () -> handle(message));
    }

    private CompletionStage<Void> handle(Message<Object> message) {
        JsonNode doc;
        try {
            doc = json.readTree(text(message.getPayload()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf("debt.batch-results message is not JSON (%s); the broker will redeliver and then"
                    + " dead-letter it", e.getClass().getSimpleName());
            return message.nack(e);
        }
        String type = doc.path("type").asText();
        boolean refused = "DebtBatchRefused".equals(type);
        if (!refused && !"DebtBatchResults".equals(type)) {
            return message.nack(new IllegalArgumentException("debt.batch-results: unknown document type"));
        }
        String consumer = doc.path("consumer").asText("");
        if (!consumer.startsWith(CHANNEL_PREFIX) || consumer.length() == CHANNEL_PREFIX.length()) {
            metrics.counter("receipt.batch.results.not.for.channel", "type", type).increment();
            return message.ack();
        }
        try {
            publish(doc, consumer, refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message.nack(e);
        } catch (Exception e) {
            LOG.errorf("batch answer for %s not published (%s: %s); the broker will redeliver the group", consumer,
                    e.getClass().getSimpleName(), e.getMessage());
            return message.nack(e);
        }
        return message.ack();
    }

    private void publish(JsonNode doc, String consumer, boolean refused) throws Exception {
        String requestId = doc.hasNonNull("requestId") ? doc.get("requestId").asText() : null;
        String batchId = doc.hasNonNull("batchId") ? doc.get("batchId").asText() : null;
        if (requestId == null) {
            throw new IllegalArgumentException("a batch-channel document without requestId cannot be routed");
        }
        int group = refused ? 0 : doc.path("group").asInt();
        int groups = refused ? 1 : doc.path("groups").asInt();
        byte[] content = refused ? writer.refusal(doc) : writer.results(doc);
        byte[] signature = signer.sign(content);
        ObjectNode answer = json.createObjectNode();
        answer.put("type", "BatchAnswer");
        answer.put("version", 1);
        answer.put("consumer", consumer);
        answer.put("requestId", requestId);
        answer.put("batchId", batchId);
        answer.put("group", group);
        answer.put("groups", groups);
        answer.put("refused", refused);
        if (doc.hasNonNull("environment")) {
            answer.put("environment", doc.get("environment").asText());
        }
        if (doc.hasNonNull("mandant")) {
            answer.put("mandant", doc.get("mandant").asText());
        }
        answer.put("content", Base64.getEncoder().encodeToString(content));
        answer.put("signature", Base64.getEncoder().encodeToString(signature));
        String duplicateId = "batch-answer:" + (batchId != null ? batchId : requestId) + ":" + group;
        publisher.publish(duplicateId, answer.toString());
        metrics.counter("receipt.batch.answers.published", "refused", Boolean.toString(refused)).increment();
        LOG.infof("batch answer %s published (%d bytes, %s)", duplicateId, content.length,
                refused ? "refusal" : "group " + (group + 1) + " of " + groups);
    }

    private static String text(Object payload) {
        if (payload instanceof JsonObject o) {
            return o.encode();
        }
        if (payload instanceof JsonArray a) {
            return a.encode();
        }
        return new String(AmqpBody.bytes(payload, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
