package io.reportingsuite.ingest.batch;

import io.reportingsuite.contracts.batch.BatchFileName;
import io.reportingsuite.contracts.batch.Transmission;
import io.reportingsuite.contracts.batch.TransmissionId;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.support.messaging.SettledSend;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Hands a positively acknowledged transmission to its route's AMQP address (outgoing channel
 * {@code batch-routes-out}, an anonymous sender: the address comes from {@code ingest.batch-channel.routes}), as a
 * durable message, and waits until the broker settled it. The body is the FI parts concatenated in part order,
 * byte for byte. The duplicate id {@code batch-channel:<user>:<transmission id>} makes a resend after a crash a
 * no-op at the broker.
 *
 * <ul>
 *   <li>DEBT_QUERY (debt.batch-requests): content type {@code application/xml}; properties {@code consumer} =
 *   {@code batch-channel:<user>}, {@code requestId} = the transmission id, {@code environment} R|T,
 *   {@code mandant} = the CBE the request is for.</li>
 *   <li>PASS_THROUGH (e.g. batch.fla): content type {@code application/octet-stream}; properties {@code sender},
 *   {@code purpose}, {@code transmissionId}, {@code environment}, {@code mandant}.</li>
 * </ul>
 */
@ApplicationScoped
public class BatchRoutes {

    /** The consumer name a channel's requests carry: {@code batch-channel:<user>}. */
    public static final String CONSUMER_PREFIX = "batch-channel:";

    private final Emitter<byte[]> emitter;
    private final IngestConfig config;

    public BatchRoutes(@Channel("batch-routes-out") Emitter<byte[]> emitter, IngestConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** The broker did not take the message (in time). */
    public static final class NotRoutedException extends Exception {
        NotRoutedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static String consumer(String channelUser) {
        return CONSUMER_PREFIX + channelUser;
    }

    public static String duplicateId(String channelUser, TransmissionId id) {
        return CONSUMER_PREFIX + channelUser + ":" + id;
    }

    /**
     * Sends the transmission whose files lie in {@code folder}; blocks until the broker settled the message or
     * {@code ingest.publish-timeout} passed.
     */
    public void route(String channelUser, Path folder, Transmission transmission, BatchChannelConfig.Route route,
                      String mandant) throws NotRoutedException, IOException {
        TransmissionId id = transmission.id();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (BatchFileName part : transmission.dataParts()) {
            body.write(Files.readAllBytes(folder.resolve(part.toString())));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        String contentType;
        if (route.kind() == BatchChannelConfig.RouteKind.DEBT_QUERY) {
            contentType = "application/xml";
            properties.put("consumer", consumer(channelUser));
            properties.put("requestId", id.toString());
        } else {
            contentType = "application/octet-stream";
            properties.put("sender", id.sender());
            properties.put("purpose", id.purpose());
            properties.put("transmissionId", id.toString());
        }
        properties.put("environment", id.environment().name());
        properties.put("mandant", mandant);
        String duplicateId = duplicateId(channelUser, id);
        properties.put(MessageProperties.DUPLICATE_ID, duplicateId);
        OutgoingAmqpMetadata.OutgoingAmqpMetadataBuilder metadata = OutgoingAmqpMetadata.builder()
                .withAddress(route.address())
                .withDurable(true)
                .withContentType(contentType)
                .withMessageId(duplicateId);
        properties.forEach(metadata::withApplicationProperty);
        try {
            SettledSend.send(emitter, body.toByteArray(), metadata.build())
                    .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotRoutedException("the broker did not confirm the message in time", e);
        } catch (ExecutionException e) {
            throw new NotRoutedException("the broker refused the message", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotRoutedException("interrupted while waiting for the broker", e);
        } catch (RuntimeException e) {
            throw new NotRoutedException("the AMQP channel is not available", e);
        }
    }
}
