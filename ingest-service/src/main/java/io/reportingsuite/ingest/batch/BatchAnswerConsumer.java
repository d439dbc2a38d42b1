package io.reportingsuite.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.ingest.batch.TransmissionRepository.Answer;
import io.reportingsuite.ingest.batch.TransmissionRepository.Row;
import io.reportingsuite.support.messaging.AmqpBody;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Writes the answer files receipt-service rendered and signed into the sender's OUT/OUTTEST: JSON
 * {@code {"type":"BatchAnswer","version":1,"consumer":"batch-channel:<user>","requestId":<transmission id>,
 * "batchId":…,"group":n,"groups":m,"refused":bool,"content":<base64 FO>,"signature":<base64 FS>}} on
 * {@code batch.answers}. Each (batchId or requestId, group) gets one name, allocated once and stored
 * ({@code FO.<answer purpose>.999999.<date>.<seq>.<R|T>.1.1}, its FS as received, an empty GO, GO last); a
 * redelivery of a group already written is acknowledged without writing. The message is acknowledged only after
 * the files are durable; an answer for no known transmission, or one that cannot be read, is logged (ids only,
 * never content) and rejected, so the broker redelivers it and finally dead-letters it (DLQ.batch.answers).
 */
@ApplicationScoped
public class BatchAnswerConsumer {

    private static final Logger LOG = Logger.getLogger(BatchAnswerConsumer.class);

    private final BatchChannelConfig config;
    private final TransmissionRepository repository;
    private final BatchOutbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public BatchAnswerConsumer(BatchChannelConfig config, TransmissionRepository repository, BatchOutbox outbox,
                               ObjectMapper json, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** A BatchAnswer that cannot be placed; the message says which field or which lookup failed. */
    static final class UnplaceableAnswer extends IllegalArgumentException {
        UnplaceableAnswer(String message) {
            super(message);
        }
    }

    record BatchAnswer(String consumer, String requestId, Optional<String> batchId, int group, int groups,
                       boolean refused, byte[] content, byte[] signature) {

        String answerKey() {
            return batchId.orElse(requestId);
        }
    }

    @Incoming("batch-answers-in")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<Object> message) {
        BatchAnswer answer;
        try {
            answer = parse(text(message.getPayload()));
        } catch (UnplaceableAnswer e) {
            LOG.errorf("batch.answers message refused: %s; it goes to the dead-letter queue", e.getMessage());
            return message.nack(e);
        }
        try {
            write(answer);
            return message.ack();
        } catch (UnplaceableAnswer e) {
            LOG.errorf("batch answer (consumer %s, requestId %s, group %d) refused: %s; it goes to the dead-letter"
                    + " queue", answer.consumer(), answer.requestId(), answer.group(), e.getMessage());
            return message.nack(e);
        } catch (Exception e) {
            LOG.warnf("batch answer (consumer %s, requestId %s, group %d) not written (%s); the broker redelivers it",
                    answer.consumer(), answer.requestId(), answer.group(), e.getClass().getSimpleName());
            return message.nack(e);
        }
    }

    void write(BatchAnswer answer) throws Exception {
        if (!answer.consumer().startsWith(BatchRoutes.CONSUMER_PREFIX)) {
            throw new UnplaceableAnswer("the consumer is not a batch channel");
        }
        String user = answer.consumer().substring(BatchRoutes.CONSUMER_PREFIX.length());
        if (!config.channels().containsKey(user)) {
            throw new UnplaceableAnswer("no batch channel " + user + " is configured");
        }
        Row transmission = repository.findPositive(user, answer.requestId()).orElseThrow(() ->
                new UnplaceableAnswer("the channel sent no positively acknowledged transmission with this requestId"));
        BatchChannelConfig.Route route = transmission.purpose().map(p -> config.routes().get(p)).orElse(null);
        String purpose = route == null ? null : route.answerPurpose().orElse(null);
        if (purpose == null) {
            throw new UnplaceableAnswer("purpose " + transmission.purpose().orElse("?") + " has no answer-purpose");
        }
        Answer stored = repository.answer(answer.answerKey(), answer.group(), answer.groups(), transmission, purpose,
                answer.refused(), outbox.today(), clock.instant());
        if (stored.written()) {
            LOG.debugf("batch answer %s group %d already written as %s", answer.answerKey(), answer.group(),
                    stored.fo());
            return;
        }
        outbox.write(user, stored.fo(), answer.content(), answer.signature());
        repository.answerWritten(answer.answerKey(), answer.group(), clock.instant());
        LOG.infof("batch answer for %s of %s (group %d of %d) written as %s", answer.requestId(), user,
                answer.group(), answer.groups(), stored.fo());
    }

    BatchAnswer parse(String text) {
        JsonNode doc;
        try {
            doc = json.readTree(text);
        } catch (java.io.IOException e) {
            throw new UnplaceableAnswer("the body is not JSON");
        }
        if (doc == null || !doc.isObject() || !"BatchAnswer".equals(doc.path("type").asText())) {
            throw new UnplaceableAnswer("the body is not a BatchAnswer document");
        }
        if (doc.path("version").asInt() != 1) {
            throw new UnplaceableAnswer("BatchAnswer version " + doc.path("version").asText() + " is not supported");
        }
        String consumer = required(doc, "consumer");
        String requestId = required(doc, "requestId");
        Optional<String> batchId = doc.hasNonNull("batchId") ? Optional.of(doc.get("batchId").asText())
                : Optional.empty();
        if (!doc.path("group").canConvertToInt() || !doc.path("groups").canConvertToInt()
                || !doc.path("group").isIntegralNumber() || !doc.path("groups").isIntegralNumber()) {
            throw new UnplaceableAnswer("group and groups must be whole numbers");
        }
        byte[] content = base64(doc, "content");
        byte[] signature = base64(doc, "signature");
        return new BatchAnswer(consumer, requestId, batchId, doc.get("group").asInt(), doc.get("groups").asInt(),
                doc.path("refused").asBoolean(false), content, signature);
    }

    private static String required(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new UnplaceableAnswer(field + " is required");
        }
        if (value.asText().length() > 200) {
            throw new UnplaceableAnswer(field + " is longer than 200 characters");
        }
        return value.asText();
    }

    private static byte[] base64(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || !value.isTextual()) {
            throw new UnplaceableAnswer(field + " is required (Base64)");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new UnplaceableAnswer(field + " is not Base64");
        }
    }

    private static String text(Object payload) {
        if (payload instanceof JsonObject o) {
            return o.encode();
        }
        if (payload instanceof JsonArray a) {
            return a.encode();
        }
        try {
            return new String(AmqpBody.bytes(payload, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } catch (AmqpBody.UnreadableBody e) {
            throw new UnplaceableAnswer(e.getMessage());
        }
    }
}
