package io.reportingsuite.receipt.messaging;

import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.Sha256;
import io.reportingsuite.receipt.returfile.ReturDocument;
import io.reportingsuite.receipt.returfile.ReturnFileService;
import io.reportingsuite.receipt.skattekort.SkattekortService;
import io.reportingsuite.support.messaging.AmqpBody;
import io.reportingsuite.support.tracing.MessageSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes return documents from {@code eindkomst.retur} (the contract agreed with forwarder-service: body =
 * raw document bytes, metadata in application properties). A message is acknowledged only after its work
 * is durable; any failure is a nack, so the broker redelivers and finally dead-letters it.
 */
@ApplicationScoped
public class ReturConsumer {

    private static final Logger LOG = Logger.getLogger(ReturConsumer.class);

    private final ReturnFileService returnFiles;
    private final SkattekortService skattekort;

    private final MessageSpans spans;

    public ReturConsumer(ReturnFileService returnFiles, SkattekortService skattekort, MessageSpans spans) {
        this.returnFiles = returnFiles;
        this.skattekort = skattekort;
        this.spans = spans;
    }

    /** In a span that continues the forsendelse's trace (the forwarder put it in the message). */
    @Incoming("retur-in")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<Object> message) {
        return spans.process(message, "eindkomst.retur process", SpanKind.CONSUMER, () -> handle(message));
    }

    private CompletionStage<Void> handle(Message<Object> message) {
        ReturDocument document;
        try {
            document = document(message);
        } catch (RuntimeException unusable) {
            LOG.errorf("eindkomst.retur message refused: %s", unusable.getMessage());
            return message.nack(unusable);
        }
        try {
            switch (document.type()) {
                case SUMKVITTERING, FEJLADVISERING -> returnFiles.accept(document);
                case SKATTEKORT -> skattekort.accept(document);
                default -> throw new IllegalArgumentException("ForsendelseType " + document.type()
                        + " does not belong on eindkomst.retur.");
            }
        } catch (Exception failure) {
            LOG.errorf("return document %s not handled (%s: %s); the broker will redeliver it", document,
                    failure.getClass().getSimpleName(), failure.getMessage());
            return message.nack(failure);
        }
        return message.ack();
    }

    static ReturDocument document(Message<Object> message) {
        JsonObject properties = message.getMetadata(IncomingAmqpMetadata.class)
                .map(IncomingAmqpMetadata::getProperties).orElseGet(JsonObject::new);
        String typeName = properties.getString(MessageProperties.FORSENDELSE_TYPE);
        if (typeName == null) {
            throw new IllegalArgumentException("ForsendelseType is missing.");
        }
        ForsendelseType type = ForsendelseType.valueOf(typeName);
        byte[] body = AmqpBody.bytes(message.getPayload(), type.charset());
        String skatMessageId = properties.getString(MessageProperties.SKAT_MESSAGE_ID);
        String duplicateId = properties.getString(MessageProperties.DUPLICATE_ID);
        String key = skatMessageId != null ? skatMessageId
                : duplicateId != null ? duplicateId : type + ":" + Sha256.hex(body);
        return new ReturDocument(key, type, properties.getString(MessageProperties.HOVED_INDBERETNING_ID),
                properties.getString(MessageProperties.SE_NUMMER), properties.getString(MessageProperties.SYSTEM),
                skatMessageId != null ? skatMessageId : key, body);
    }
}
