package io.reportingsuite.ingest.messaging;

import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.support.messaging.LargeMessages;
import io.reportingsuite.support.messaging.SettledSend;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Hands a forsendelse to {@code eindkomst.forsendelser} as a durable message and waits until the broker
 * settles it (ARCHITECTURE §5). The duplicate-detection id is the HovedIndberetningID plus the content hash,
 * so a retry after a crash is dropped by the broker instead of reaching SKAT twice. A retry while an earlier
 * send of the same forsendelse still waits in this instance's emitter (the broker did not confirm it in time)
 * sends nothing: it waits for that send's settlement.
 *
 * <p>A file-backed forsendelse above {@code ingest.large-message-threshold} is not read into memory: it is
 * streamed from the stored file as an Artemis large message over the broker's core protocol (JMS connection
 * {@code suite}) to {@code eindkomst.forsendelser.large}, with the same properties and duplicate id; the
 * forwarder consumes that queue with JMS and streams it on to SKAT's MQ.
 */
@ApplicationScoped
public class ForsendelsePublisher {

    private static final Logger LOG = Logger.getLogger(ForsendelsePublisher.class);

    private final Emitter<byte[]> emitter;
    private final IngestConfig config;
    private final ConnectionFactory broker;
    /** Sends handed to the emitter and not yet settled, by duplicate id: at most one per forsendelse at a time. */
    private final ConcurrentMap<String, Pending> inFlight = new ConcurrentHashMap<>();
    /** Numbers the sends in the order they are handed to the emitter. */
    private final AtomicLong handedOver = new AtomicLong();
    /** The highest number of a send the broker accepted. */
    private final AtomicLong acceptedUpTo = new AtomicLong(-1);

    /** One send handed to the emitter: its place in the emitter's order and its settlement. */
    private record Pending(long number, CompletableFuture<Void> settled) {
    }

    public ForsendelsePublisher(@Channel("forsendelser-out") Emitter<byte[]> emitter, IngestConfig config,
                                @Identifier("suite") ConnectionFactory broker) {
        this.emitter = emitter;
        this.config = config;
        this.broker = broker;
    }

    /**
     * Thrown when the message was not queued. {@link #outcomeUnknown()} tells the two cases apart: false when the
     * message certainly never reached the broker (the channel refused it at once, no connection could be
     * opened); true when it may have been stored or may still be sent (the broker did not confirm in time, the
     * connection broke during the send, the settlement was not "accepted"). The emitter keeps an unconfirmed
     * message and sends it once the broker is back; {@link #lateConfirmation()} then completes.
     */
    public static class NotQueuedException extends Exception {
        private final boolean outcomeUnknown;
        private final transient CompletableFuture<Void> lateConfirmation;

        NotQueuedException(String message, Throwable cause) {
            this(message, cause, false, null);
        }

        NotQueuedException(String message, Throwable cause, boolean outcomeUnknown,
                           CompletableFuture<Void> lateConfirmation) {
            super(message, cause);
            this.outcomeUnknown = outcomeUnknown;
            this.lateConfirmation = lateConfirmation == null ? new CompletableFuture<>() : lateConfirmation;
        }

        /** Whether the broker may have the message (or get it later): a resend is then the only way to know. */
        public boolean outcomeUnknown() {
            return outcomeUnknown;
        }

        /**
         * Completes when the broker confirms the message after all (the emitter sent it late); never completes
         * when the outcome is certain or the broker refused it.
         */
        public CompletionStage<Void> lateConfirmation() {
            return lateConfirmation;
        }
    }

    /** The deterministic duplicate-detection key of one forsendelse. */
    public static String duplicateId(String hovedIndberetningId, String contentSha256) {
        return hovedIndberetningId + ":" + contentSha256;
    }

    /**
     * Hands a file-backed forsendelse (Styret SFTP, EP_FS2) to the broker; blocks until the broker has it
     * durably. Up to {@code ingest.large-message-threshold} the file is read and sent like any other forsendelse;
     * above it, it is streamed from the file as a large message to {@code eindkomst.forsendelser.large} (memory
     * does not grow with the file; the send takes as long as the transfer, so {@code ingest.publish-timeout} does
     * not apply to it). The file must not change until this returns: the forwarder checks the bytes against
     * {@code f.contentSha256()}.
     */
    public void publishFile(Forsendelse f, String afsender, Path file) throws NotQueuedException, IOException {
        if (Files.size(file) <= config.largeMessageThreshold().asLongValue()) {
            publish(f, afsender, Files.readAllBytes(file));
            return;
        }
        boolean sending = false;
        try (InputStream body = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
             Connection connection = broker.createConnection()) {
            // Not transacted: a persistent send blocks until the broker stored the whole message, and a
            // duplicate id the broker already has (a resend after a crash) is dropped there without error.
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Addresses.FORSENDELSER_LARGE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            sending = true;
            producer.send(LargeMessages.streamed(session, body, properties(f, afsender)));
        } catch (JMSException e) {
            // Before the send nothing can have reached the broker; a failure during it leaves the outcome open.
            throw new NotQueuedException("the broker did not take the large message (" + e.getClass().getSimpleName()
                    + ")", e, sending, null);
        }
    }

    /** Blocks until the broker settled the message or the configured timeout passed. */
    public void publish(Forsendelse f, String afsender, byte[] payload) throws NotQueuedException {
        String duplicateId = duplicateId(f.hovedIndberetningId(), f.contentSha256());
        OutgoingAmqpMetadata.OutgoingAmqpMetadataBuilder builder = OutgoingAmqpMetadata.builder()
                .withDurable(true)
                .withContentType("application/octet-stream")
                .withMessageId(duplicateId);
        properties(f, afsender).forEach(builder::withApplicationProperty);
        OutgoingAmqpMetadata metadata = builder.build();
        CompletableFuture<Void> settled = null;
        while (settled == null) {
            Pending earlier = inFlight.get(duplicateId);
            if (earlier != null && !lost(earlier)) {
                // A send of the same forsendelse is still in the emitter (its caller got "not confirmed"): wait for that
                // one instead of handing the broker a second copy to drop — its duplicate cache cannot be relied on
                // for two copies arriving back to back (UnconfirmedHandOffTest).
                settled = earlier.settled();
            } else if (earlier != null) {
                // Lost: the emitter sends in order, and the broker accepted a send handed over after it, so this one
                // is no longer waiting in the emitter — its settlement went with a broken connection (the broker may
                // or may not have it). A new copy is the only way on; the broker drops it if it has the first (its
                // duplicate cache holds an id stored long ago), and nothing else can send the first one now.
                if (inFlight.remove(duplicateId, earlier)) {
                    LOG.warnf("An unsettled send of %s was overtaken by later sends the broker accepted: sending it "
                            + "again", f.hovedIndberetningId());
                }
            } else {
                Pending mine = new Pending(handedOver.getAndIncrement(), new CompletableFuture<>());
                if (inFlight.putIfAbsent(duplicateId, mine) == null) {
                    send(duplicateId, payload, metadata, mine);
                    settled = mine.settled();
                }
            }
        }
        try {
            settled.get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The emitter keeps the message and sends it when the broker answers: the outcome is open.
            throw new NotQueuedException("the broker did not confirm the message in time", e, true, settled);
        } catch (ExecutionException e) {
            // A nack is also what a broken connection gives a message in flight: the broker may have stored it.
            throw new NotQueuedException("the broker did not accept the message", e.getCause(), true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotQueuedException("interrupted while waiting for the broker", e, true, settled);
        }
    }

    /** Hands one copy to the emitter; its settlement completes {@code mine} and ends its place in {@link #inFlight}. */
    private void send(String duplicateId, byte[] payload, OutgoingAmqpMetadata metadata, Pending mine)
            throws NotQueuedException {
        try {
            SettledSend.send(emitter, payload, metadata).whenComplete((ok, failure) -> {
                if (failure == null) {
                    acceptedUpTo.accumulateAndGet(mine.number(), Math::max);
                    mine.settled().complete(null);
                } else {
                    mine.settled().completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(duplicateId, mine);
            // The emitter refuses at once when the channel is down or its buffer is full: the message is not sent.
            throw new NotQueuedException("the AMQP channel is not available", e);
        }
        mine.settled().whenComplete((ok, failure) -> inFlight.remove(duplicateId, mine));
    }

    /**
     * Whether an unsettled send can no longer settle: the emitter hands messages to the broker in order over one
     * link, whose settlements come back in that order, so once a later send was accepted, an earlier one still
     * unsettled was not waiting in the emitter any more (it was in flight on a connection that broke, and its
     * settlement was lost with it).
     */
    private boolean lost(Pending pending) {
        return !pending.settled().isDone() && acceptedUpTo.get() > pending.number();
    }

    /** The message contract of ARCHITECTURE §3, the same on both queues. */
    private static Map<String, Object> properties(Forsendelse f, String afsender) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(MessageProperties.HOVED_INDBERETNING_ID, f.hovedIndberetningId());
        p.put(MessageProperties.FORSENDELSE_TYPE, ForsendelseType.INDBERETNING.name());
        p.put(MessageProperties.SE_NUMMER, f.seNummer() == null ? "" : f.seNummer());
        p.put(MessageProperties.SYSTEM, f.system());
        p.put(MessageProperties.AFSENDER, afsender);
        p.put(MessageProperties.CHANNEL, f.channel());
        p.put(MessageProperties.CONTENT_SHA256, f.contentSha256());
        p.put(MessageProperties.RECEIVED_AT, f.receivedAt().toString());
        p.put(MessageProperties.RECORD_COUNT, f.records());
        p.put(MessageProperties.DUPLICATE_ID, duplicateId(f.hovedIndberetningId(), f.contentSha256()));
        return p;
    }
}
