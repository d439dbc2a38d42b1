package io.reportingsuite.debt.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.debt.batch.BatchRequest;
import io.reportingsuite.debt.batch.BatchResultPublisher;
import io.reportingsuite.debt.batch.BatchService;
import io.reportingsuite.debt.batch.DebtBatch;
import io.reportingsuite.debt.config.DebtConfig;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.security.Consumers;
import io.reportingsuite.debt.service.Refusal;
import io.reportingsuite.support.messaging.AmqpBody;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Batches from AMQP {@code debt.batch-requests}, in two forms.
 *
 * <p>JSON {@code {type: "DebtBatchRequest", version: 1, requestId, consumer, legalContext, closingDate?,
 * items}}, as before.
 *
 * <p>XML (content-type {@code application/xml}, or a body starting with {@code <}): a {@code BatchRequest}
 * document of contracts' {@code EmployerAccountBalance.xsd}, as the Belgian batch channel (ingest-service)
 * sends a debt-query transmission; who asks and under which id come from the application properties
 * {@code consumer}, {@code requestId}, and for the channel ({@code batch-channel:<user>}) {@code environment}
 * ({@code R}/{@code T}) and {@code mandant} (the enterprise the request is for), which travel with the batch
 * into every result group. See {@link XmlBatchReader} for the checks.
 *
 * <p>The message is acknowledged only after the batch is committed; a redelivery finds the same batch (its
 * id derives from consumer and requestId). A request that cannot be accepted is answered with a
 * {@code DebtBatchRefused} document on {@code debt.batch-results} (settled before the request is
 * acknowledged) naming every reason; a failure gives the message back to the broker.
 */
@ApplicationScoped
public class BatchRequestConsumer {

    private static final Logger LOG = Logger.getLogger(BatchRequestConsumer.class);
    private static final Set<String> ENVIRONMENTS = Set.of("R", "T");
    private static final String LEGAL_CONTEXT_PATH = "/BatchRequest/LegalContextInformation/LegalContext";

    private final BatchService service;
    private final BatchResultPublisher publisher;
    private final XmlBatchReader xml;
    private final Consumers consumers;
    private final DebtConfig config;
    private final ObjectMapper json;

    public BatchRequestConsumer(BatchService service, BatchResultPublisher publisher, XmlBatchReader xml,
            Consumers consumers, DebtConfig config, ObjectMapper json) {
        this.service = service;
        this.publisher = publisher;
        this.xml = xml;
        this.consumers = consumers;
        this.config = config;
        this.json = json;
    }

    @Incoming("batch-requests-in")
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<Object> message) {
        try {
            IncomingAmqpMetadata metadata = message.getMetadata(IncomingAmqpMetadata.class).orElse(null);
            if (isXml(metadata, message.getPayload())) {
                consumeXml(metadata, message.getPayload());
                return message.ack();
            }
            BatchRequest request = json.readValue(text(message.getPayload()), BatchRequest.class);
            if (request.consumer() == null || request.consumer().isBlank()) {
                refuse(request.requestId(), null, null, null,
                        List.of(new Refusal("/consumer", "consumer is required on debt.batch-requests.")));
                return message.ack();
            }
            try {
                service.submit(request.consumer(), request, DebtBatch.AMQP);
            } catch (BatchService.RefusedException e) {
                refuse(request.requestId(), request.consumer(), null, null, e.refusals());
            }
            return message.ack();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            try {
                refuse(null, null, null, null,
                        List.of(new Refusal("", "The message is not a DebtBatchRequest JSON document.")));
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

    private void consumeXml(IncomingAmqpMetadata metadata, Object payload) throws Exception {
        JsonObject properties = metadata == null || metadata.getProperties() == null ? new JsonObject()
                : metadata.getProperties();
        String consumer = blankToNull(properties.getValue("consumer"));
        String requestId = blankToNull(properties.getValue("requestId"));
        String environment = blankToNull(properties.getValue("environment"));
        String mandant = blankToNull(properties.getValue("mandant"));
        List<Refusal> refusals = new ArrayList<>();
        if (consumer == null) {
            refusals.add(new Refusal("/consumer", "The application property consumer is required with an XML"
                    + " BatchRequest."));
        }
        if (requestId == null) {
            refusals.add(new Refusal("/requestId", "The application property requestId is required with an XML"
                    + " BatchRequest."));
        }
        if (Consumers.isBatchChannel(consumer)) {
            if (environment == null || !ENVIRONMENTS.contains(environment)) {
                refusals.add(new Refusal("/environment", "The application property environment must be R or T"
                        + " for a batch-channel request."));
            }
            if (mandant == null) {
                refusals.add(new Refusal("/mandant", "The application property mandant (the enterprise number the"
                        + " request is for) is required for a batch-channel request."));
            }
        }
        if (!refusals.isEmpty()) {
            refuse(requestId, consumer, environment, mandant, refusals);
            return;
        }
        XmlBatchReader.Parsed parsed;
        try {
            parsed = xml.read(AmqpBody.bytes(payload, StandardCharsets.UTF_8));
        } catch (XmlBatchReader.InvalidDocument e) {
            refuse(requestId, consumer, environment, mandant, List.of(e.refusal()));
            return;
        } catch (AmqpBody.UnreadableBody e) {
            refuse(requestId, consumer, environment, mandant, List.of(new Refusal("", e.getMessage())));
            return;
        }
        LegalContext context = LegalContext.valueOf(parsed.legalContext());
        if (!consumers.allowed(consumer, context)) {
            refusals.add(new Refusal(LEGAL_CONTEXT_PATH, Consumers.isBatchChannel(consumer)
                    ? "The batch channel may not ask for the legal context " + context + "; it may ask for "
                            + config.batchChannel().legalContexts().stream().map(Enum::name).sorted().toList()
                            + " (debt.batch-channel.legal-contexts). Public procurement is answered synchronously"
                            + " only."
                    : "The consumer is not authorised for the legal context " + context + "."));
        }
        if (mandant != null && parsed.consumerCompanyId() != null
                && !digits(mandant).equals(digits(parsed.consumerCompanyId()))) {
            refusals.add(new Refusal("/BatchRequest/RequestInformation/Consumer/CompanyID", "RequestInformation/"
                    + "Consumer/CompanyID is not the enterprise the transmission was made for (its mandant)."));
        }
        if (!refusals.isEmpty()) {
            refuse(requestId, consumer, environment, mandant, refusals);
            return;
        }
        BatchRequest request = new BatchRequest("BatchRequest", 1, requestId, consumer, context.name(),
                parsed.closingDate(), parsed.items());
        try {
            service.submit(consumer, request, DebtBatch.AMQP, environment, mandant);
        } catch (BatchService.RefusedException e) {
            refuse(requestId, consumer, environment, mandant, e.refusals().stream().map(r -> new Refusal(
                    xmlPath(r.pointer()), r.reason(), r.line(), r.column())).toList());
        }
    }

    /** The JSON pointers of {@link BatchService}'s checks, named as the XML document's elements. */
    private static String xmlPath(String pointer) {
        if (pointer == null) {
            return null;
        }
        if (pointer.startsWith("/items")) {
            return "/BatchRequest/RequestDetail" + pointer.substring("/items".length());
        }
        return switch (pointer) {
            case "/legalContext" -> LEGAL_CONTEXT_PATH;
            case "/closingDate" -> "/BatchRequest/RequestDetail/ClosingDate";
            default -> pointer;
        };
    }

    /** Leading zeros and separators aside: {@code 0403.170.701} and {@code 403170701} are one enterprise. */
    static String digits(String enterpriseNumber) {
        String d = enterpriseNumber.replaceAll("[^0-9]", "");
        String trimmed = d.replaceFirst("^0+", "");
        return trimmed.isEmpty() ? d : trimmed;
    }

    private static boolean isXml(IncomingAmqpMetadata metadata, Object payload) {
        String type = metadata == null ? null : metadata.getContentType();
        if (type != null) {
            String t = type.toLowerCase(java.util.Locale.ROOT);
            if (t.startsWith("application/xml") || t.startsWith("text/xml") || t.contains("+xml")) {
                return true;
            }
            if (t.startsWith("application/json")) {
                return false;
            }
        }
        if (payload instanceof JsonObject || payload instanceof JsonArray) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = AmqpBody.bytes(payload, StandardCharsets.UTF_8);
        } catch (AmqpBody.UnreadableBody e) {
            return false;
        }
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '<';
    }

    private static String blankToNull(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }

    /**
     * Publishes a {@code DebtBatchRefused} with every reason (and where it is); the request's consumer,
     * environment and mandant go with it so the answer can find its way back.
     */
    private void refuse(String requestId, String consumer, String environment, String mandant,
            List<Refusal> refusals) throws InterruptedException {
        ObjectNode doc = json.createObjectNode();
        doc.put("type", "DebtBatchRefused");
        doc.put("version", 1);
        doc.put("requestId", requestId);
        if (consumer != null) {
            doc.put("consumer", consumer);
        }
        if (environment != null) {
            doc.put("environment", environment);
        }
        if (mandant != null) {
            doc.put("mandant", mandant);
        }
        var list = doc.putArray("refusals");
        for (Refusal r : refusals) {
            list.add(json.valueToTree(r));
        }
        String key = requestId == null ? java.util.UUID.randomUUID().toString()
                : consumer == null ? requestId : consumer + ":" + requestId;
        publisher.publish("refused:" + key, doc.toString());
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
