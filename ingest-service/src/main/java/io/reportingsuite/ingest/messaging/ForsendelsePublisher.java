package io.reportingsuite.ingest.messaging;

import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.support.messaging.SettledSend;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Hands a forsendelse to {@code eindkomst.forsendelser} as a durable message and waits until the broker
 * settles it (ARCHITECTURE §5). The duplicate-detection id is the HovedIndberetningID plus the content hash,
 * so a retry after a crash or timeout is dropped by the broker instead of reaching SKAT twice.
 */
@ApplicationScoped
public class ForsendelsePublisher {

    private final Emitter<byte[]> emitter;
    private final IngestConfig config;

    public ForsendelsePublisher(@Channel("forsendelser-out") Emitter<byte[]> emitter, IngestConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Thrown when the broker did not confirm the message in time or refused it. */
    public static final class NotQueuedException extends Exception {
        NotQueuedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The deterministic duplicate-detection key of one forsendelse. */
    public static String duplicateId(String hovedIndberetningId, String contentSha256) {
        return hovedIndberetningId + ":" + contentSha256;
    }

    /**
     * Hands a file-backed forsendelse (Styret SFTP, EP_FS2) to the broker. For now the file is read into
     * memory and sent like any other forsendelse; streaming of large files is part of issue 9's work.
     */
    public void publishFile(Forsendelse f, String afsender, Path file) throws NotQueuedException, IOException {
        publish(f, afsender, Files.readAllBytes(file));
    }

    /** Blocks until the broker settled the message or the configured timeout passed. */
    public void publish(Forsendelse f, String afsender, byte[] payload) throws NotQueuedException {
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType("application/octet-stream")
                .withMessageId(duplicateId(f.hovedIndberetningId(), f.contentSha256()))
                .withApplicationProperty(MessageProperties.HOVED_INDBERETNING_ID, f.hovedIndberetningId())
                .withApplicationProperty(MessageProperties.FORSENDELSE_TYPE, ForsendelseType.INDBERETNING.name())
                .withApplicationProperty(MessageProperties.SE_NUMMER, f.seNummer() == null ? "" : f.seNummer())
                .withApplicationProperty(MessageProperties.SYSTEM, f.system())
                .withApplicationProperty(MessageProperties.AFSENDER, afsender)
                .withApplicationProperty(MessageProperties.CHANNEL, f.channel())
                .withApplicationProperty(MessageProperties.CONTENT_SHA256, f.contentSha256())
                .withApplicationProperty(MessageProperties.RECEIVED_AT, f.receivedAt().toString())
                .withApplicationProperty(MessageProperties.RECORD_COUNT, f.records())
                .withApplicationProperty(MessageProperties.DUPLICATE_ID,
                        duplicateId(f.hovedIndberetningId(), f.contentSha256()))
                .build();
        try {
            SettledSend.send(emitter, payload, metadata).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotQueuedException("the broker did not confirm the message in time", e);
        } catch (ExecutionException e) {
            throw new NotQueuedException("the broker refused the message", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotQueuedException("interrupted while waiting for the broker", e);
        } catch (RuntimeException e) {
            // The emitter refuses at once when the channel is down or its buffer is full.
            throw new NotQueuedException("the AMQP channel is not available", e);
        }
    }
}
