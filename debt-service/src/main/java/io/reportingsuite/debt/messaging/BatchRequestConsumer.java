package io.reportingsuite.debt.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.debt.batch.BatchRequest;
import io.reportingsuite.debt.batch.BatchResultPublisher;
import io.reportingsuite.debt.batch.BatchService;
import io.reportingsuite.debt.batch.DebtBatch;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Batches from AMQP {@code debt.batch-requests} (JSON {@code {type: "DebtBatchRequest", version: 1, requestId,
 * consumer, legalContext, closingDate?, items}}). The message is acknowledged only after the batch is
 * committed; a redelivery finds the same batch (its id derives from consumer and requestId). A request that
 * cannot be accepted is answered with a {@code DebtBatchRefused} document on {@code debt.batch-results}
 * (settled before the request is acknowledged); a failure gives the message back to the broker.
 */
@ApplicationScoped
public class BatchRequestConsumer {

    private static final Logger LOG = Logger.getLogger(BatchRequestConsumer.class);

    private final BatchService service;
    private final BatchResultPublisher publisher;
    private final ObjectMapper json;

    public BatchRequestConsumer(BatchService service, BatchResultPublisher publisher, ObjectMapper json) {
        this.service = service;
        this.publisher = publisher;
        this.json = json;
    }

    @Incoming("batch-requests-in")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<Object> message) {
        try {
            BatchRequest request = json.readValue(text(message.getPayload()), BatchRequest.class);
            if (request.consumer() == null || request.consumer().isBlank()) {
                refuse(request, "/consumer", "consumer is required on debt.batch-requests.");
                return message.ack();
            }
            try {
                service.submit(request.consumer(), request, DebtBatch.AMQP);
            } catch (BatchService.RefusedException e) {
                refuse(request, e.refusals().get(0).pointer(), e.refusals().get(0).reason());
            }
            return message.ack();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            try {
                refuse(null, "", "The message is not a DebtBatchRequest JSON document.");
                return message.ack();
            } catch (InterruptedException | RuntimeException ex) {
                return message.nack(ex);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message.nack(e);
        } catch (Exception e) {
            LOG.warnf("batch request not stored (%s); the broker redelivers it", e.getClass().getSimpleName());
            return message.nack(e);
        }
    }

    private void refuse(BatchRequest request, String pointer, String reason) throws InterruptedException {
        ObjectNode doc = json.createObjectNode();
        doc.put("type", "DebtBatchRefused");
        doc.put("version", 1);
        String requestId = request == null ? null : request.requestId();
        doc.put("requestId", requestId);
        doc.putArray("refusals").addObject().put("pointer", pointer).put("reason", reason);
        publisher.publish("refused:" + (requestId == null ? java.util.UUID.randomUUID() : requestId), doc.toString());
    }

    private static String text(Object payload) {
        if (payload instanceof JsonObject o) {
            return o.encode();
        }
        if (payload instanceof JsonArray a) {
            return a.encode();
        }
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (payload instanceof Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        return String.valueOf(payload);
    }
}
