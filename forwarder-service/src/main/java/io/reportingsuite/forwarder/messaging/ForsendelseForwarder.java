package io.reportingsuite.forwarder.messaging;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.Sha256;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.PlatformFejl;
import io.reportingsuite.forwarder.config.ForwarderConfig;
import io.reportingsuite.forwarder.service.PayloadCheck;
import io.reportingsuite.forwarder.service.PlatformAdvice;
import io.reportingsuite.forwarder.service.RetryPolicy;
import io.reportingsuite.support.messaging.AmqpBody;
import io.reportingsuite.support.messaging.SettledSend;
import io.reportingsuite.support.tracing.MessageSpans;
import io.reportingsuite.skatmq.tracing.SkatMqTraceContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.reportingsuite.support.tracking.TrackingPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.jms.JMSException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * IF01 step 3: takes each forsendelse from {@code eindkomst.forsendelser} and sends it to EP_SK1. The AMQP
 * message is settled only after the JMS transaction committed, so a crash before that redelivers it
 * (at least once); SKAT's MQ drops an exact resend by its duplicate id. While SKAT's MQ is unreachable the
 * broker is the retry queue: the forsendelse is re-published with a scheduled delivery time, its attempt
 * number and the time of its first failure (so the window survives restarts and any replica continues
 * it); past the window the platform's fejladvisering 9001 goes to {@code eindkomst.retur}. Every other
 * failure before SKAT is answered the same way, once (SPEC §4.2): 9004 for a body that cannot be a forsendelse,
 * 9002 for a send SKAT's MQ refuses and for a message that keeps failing; the message itself goes to
 * {@code DLQ.eindkomst.forsendelser} for an operator. A graceful shutdown drains: it stops taking forsendelser
 * and waits until those in flight are sent and acknowledged.
 */
@ApplicationScoped
public class ForsendelseForwarder {

    /** Attempts that failed so far (on a re-published forsendelse). */
    static final String ATTEMPT = "ForwarderAttempt";
    /** When the first attempt failed, ISO-8601 UTC: the start of the retry window. */
    static final String FIRST_FAILURE_AT = "ForwarderFirstFailureAt";
    /** The forsendelse's delivery key, kept across re-publications. */
    static final String DELIVERY_KEY = "ForwarderDeliveryKey";
    /** Artemis' scheduled delivery (epoch millis) as an AMQP message annotation. */
    static final String DELIVERY_TIME_ANNOTATION = "x-opt-delivery-time";

    private static final String CHANNEL = "forsendelser-in";
    private static final Logger LOG = Logger.getLogger(ForsendelseForwarder.class);

    private final SkatMqSender sender;
    private final TrackingPublisher tracking;
    private final ForwarderMetrics metrics;
    private final Emitter<byte[]> retry;
    private final Emitter<byte[]> retur;
    private final RetryPolicy policy;
    private final Duration publishTimeout;
    private final Clock clock;
    private final int poisonAttempts;
    private final InFlight inFlight = new InFlight();
    private final ChannelRegistry channels;
    private final Duration drainTimeout;
    @Inject
    MessageSpans spans;

    @Inject
    public ForsendelseForwarder(SkatMqSender sender, TrackingPublisher tracking, ForwarderMetrics metrics,
                                ForwarderConfig config, @Channel("forsendelser-retry") Emitter<byte[]> retry,
                                @Channel("retur-out") Emitter<byte[]> retur, ChannelRegistry channels,
                                Clock clock) {
        this.sender = sender;
        this.tracking = tracking;
        this.metrics = metrics;
        this.retry = retry;
        this.retur = retur;
        this.policy = new RetryPolicy(config.mqRetryWindow(), config.retry(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.publishTimeout = config.publishTimeout();
        this.channels = channels;
        this.drainTimeout = config.shutdownDrainTimeout();
        this.poisonAttempts = config.poisonAttempts();
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public CompletionStage<Void> forward(Message<Object> message) {
        if (!inFlight.enter()) {
            // Shutting down: neither sent nor settled; the broker hands it out again when this consumer closes.
            return new CompletableFuture<>();
        }
        try {
            return inFlight.leaveWhenDone(spans.process(message, "EP_SK1 publish", SpanKind.PRODUCER,
                    () -> process(message)));
        } catch (RuntimeException e) {
            // Never let one message stop the channel.
            return inFlight.leaveWhenDone(failed(message, e));
        }
    }

    /**
     * Graceful shutdown drains before the AMQP connector closes (it closes when the application scope ends,
     * after this event): no new forsendelse is taken, and every one already sent to EP_SK1 gets its
     * acknowledgement settled, so a restart finds none that is sent but unacknowledged and sends none twice.
     */
    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event)
            throws InterruptedException {
        PausableChannel channel = channels.getPausable(CHANNEL);
        if (channel != null) {
            channel.pause();
        }
        int unsettled = inFlight.close(drainTimeout);
        if (unsettled > 0) {
            LOG.warnf("shutdown: %d forsendelser still in flight after %s; the broker redelivers them", unsettled,
                    drainTimeout);
        } else {
            LOG.info("shutdown: every forsendelse in flight is sent and acknowledged");
        }
    }

    private CompletionStage<Void> process(Message<Object> message) {
        IncomingAmqpMetadata meta = message.getMetadata(IncomingAmqpMetadata.class).orElse(null);
        JsonObject props = meta == null || meta.getProperties() == null ? new JsonObject() : meta.getProperties();
        String id = readableId(props);
        if (id == null) {
            return deadLetter(message, "a forsendelse without a readable HovedIndberetningID");
        }
        byte[] body;
        try {
            body = AmqpBody.bytes(message.getPayload(), ForsendelseType.INDBERETNING.charset());
        } catch (AmqpBody.UnreadableBody e) {
            return answerAndDeadLetter(message, props, id, new byte[0], PlatformFejl.NOT_DECODABLE, e.getMessage());
        }
        String problem = PayloadCheck.problem(body, stringOrNull(props, MessageProperties.CONTENT_SHA256));
        if (problem != null) {
            return answerAndDeadLetter(message, props, id, body, PlatformFejl.NOT_DECODABLE, problem);
        }
        String key = deliveryKey(props, meta, id, body);
        int failedAttempts = props.getInteger(ATTEMPT, 0);
        SkatMqSender.Sent sent;
        try {
            sent = sender.send(body, skatProperties(props, id, key));
        } catch (SkatMqSender.Refused e) {
            return answerAndDeadLetter(message, props, id, body, PlatformFejl.INTERNAL_ERROR,
                    "SKAT MQ refused the send (" + e.getMessage() + ")");
        } catch (JMSException e) {
            LOG.warnf("%s: SKAT MQ unreachable (attempt %d, %s)", id, failedAttempts + 1, e.getClass().getSimpleName());
            return unreachable(message, props, id, body, key, failedAttempts + 1);
        }
        if (sent.duplicate()) {
            // An earlier delivery of this message committed on EP_SK1 before the forwarder stopped.
            metrics.resent.increment();
            metrics.leftWindow(id);
            LOG.infof("%s: already on EP_SK1 (duplicate id); not sent again", id);
            return message.ack();
        }
        metrics.sent.increment();
        metrics.sentToSkat(id);
        LOG.infof("%s: sent to EP_SK1 as %s", id, sent.messageId());
        track(id, TrackingStep.SENT_TO_SKAT, Map.of("skatMessageId", sent.messageId(),
                "attempt", Integer.toString(failedAttempts + 1)));
        return message.ack();
    }

    /**
     * An unexpected error: given back for the broker to redeliver (with back-off) until the
     * {@code forwarder.poison-attempts}-th delivery, which answers 9002 and dead-letters it.
     */
    private CompletionStage<Void> failed(Message<Object> message, RuntimeException e) {
        IncomingAmqpMetadata meta = message.getMetadata(IncomingAmqpMetadata.class).orElse(null);
        int delivery = meta == null ? 1 : meta.getDeliveryCount() + 1;
        JsonObject props = meta == null || meta.getProperties() == null ? new JsonObject() : meta.getProperties();
        String id = readableId(props);
        if (delivery < poisonAttempts) {
            LOG.errorf("%s: forsendelse not processed (delivery %d of %d, %s); the broker redelivers it",
                    id, delivery, poisonAttempts, e.getClass().getSimpleName());
            return message.nack(e);
        }
        String what = "failed on each of " + delivery + " deliveries (" + e.getClass().getSimpleName() + ")";
        if (id == null) {
            return deadLetter(message, "a forsendelse without a readable HovedIndberetningID " + what);
        }
        byte[] body;
        try {
            body = AmqpBody.bytes(message.getPayload(), ForsendelseType.INDBERETNING.charset());
        } catch (RuntimeException unreadable) {
            body = new byte[0];
        }
        return answerAndDeadLetter(message, props, id, body, PlatformFejl.INTERNAL_ERROR, what);
    }

    private CompletionStage<Void> unreachable(Message<Object> message, JsonObject props, String id, byte[] body,
                                              String key, int attempt) {
        Instant now = clock.instant();
        String first = props.getString(FIRST_FAILURE_AT);
        Instant firstFailure = first == null ? now : Instant.parse(first);
        if (policy.exhausted(firstFailure, now)) {
            return giveUp(message, props, id, body, attempt);
        }
        Duration wait = policy.delay(attempt, firstFailure, now);
        Instant next = now.plus(wait);
        OutgoingAmqpMetadata.OutgoingAmqpMetadataBuilder out = OutgoingAmqpMetadata.builder().withDurable(true);
        for (String name : props.fieldNames()) {
            Object value = props.getValue(name);
            if (!MessageProperties.DUPLICATE_ID.equals(name) && value != null) {
                out.withApplicationProperty(name, value);
            }
        }
        out.withApplicationProperty(ATTEMPT, attempt)
                .withApplicationProperty(FIRST_FAILURE_AT, firstFailure.toString())
                .withApplicationProperty(DELIVERY_KEY, key)
                // deterministic per attempt: a crash after this publish and before the ack resends the same id
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, key + "#retry-" + attempt)
                .withMessageAnnotations(DELIVERY_TIME_ANNOTATION, next.toEpochMilli());
        try {
            SettledSend.send(retry, body, out.build()).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.errorf("%s: could not re-queue for a later attempt (%s); the broker redelivers it", id,
                    e.getClass().getSimpleName());
            return message.nack(e);
        }
        metrics.retried.increment();
        metrics.retrying(id, firstFailure);
        track(id, TrackingStep.QUEUED, Map.of("reason", "SKAT MQ unreachable", "attempt",
                Integer.toString(attempt), "nextAttemptAt", next.toString()));
        return message.ack();
    }

    private CompletionStage<Void> giveUp(Message<Object> message, JsonObject props, String id, byte[] body,
                                         int attempts) {
        if (CaseSystem.fromHovedIndberetningId(id) == null) {
            return deadLetter(message, "a forsendelse whose HovedIndberetningID prefix names no case system");
        }
        try {
            publishAdvice(props, id, body, PlatformFejl.MQ_UNAVAILABLE);
        } catch (Exception e) {
            LOG.errorf("%s: could not publish the platform fejladvisering (%s); the broker redelivers it", id,
                    e.getClass().getSimpleName());
            return message.nack(e);
        }
        metrics.windowExhausted.increment();
        metrics.leftWindow(id);
        LOG.errorf("%s: SKAT MQ unreachable for the whole retry window; platform fejladvisering %d sent", id,
                PlatformFejl.MQ_UNAVAILABLE.fejlnr());
        track(id, TrackingStep.FAILED, Map.of("fejlnr", Integer.toString(PlatformFejl.MQ_UNAVAILABLE.fejlnr()),
                "attempts", Integer.toString(attempts)));
        return message.ack();
    }

    /**
     * A forsendelse that will never reach SKAT: the case system gets the platform fejladvisering, then the
     * message goes to {@code DLQ.eindkomst.forsendelser} for an operator. A crash in between answers again
     * on redelivery with the same duplicate id, which the suite's broker drops: the answer arrives once.
     */
    private CompletionStage<Void> answerAndDeadLetter(Message<Object> message, JsonObject props, String id,
                                                      byte[] body, PlatformFejl fejl, String what) {
        if (CaseSystem.fromHovedIndberetningId(id) == null) {
            return deadLetter(message, "a forsendelse whose HovedIndberetningID prefix names no case system ("
                    + what + ")");
        }
        try {
            publishAdvice(props, id, body, fejl);
        } catch (IllegalArgumentException e) {
            return deadLetter(message, "a HovedIndberetningID no fejladvisering can carry (" + what + ")");
        } catch (Exception e) {
            LOG.errorf("%s: could not publish the platform fejladvisering %d (%s); the broker redelivers it", id,
                    fejl.fejlnr(), e.getClass().getSimpleName());
            return message.nack(e);
        }
        LOG.errorf("%s: not sent to SKAT: %s; platform fejladvisering %d sent", id, what, fejl.fejlnr());
        track(id, TrackingStep.FAILED, Map.of("fejlnr", Integer.toString(fejl.fejlnr())));
        return deadLetter(message, what);
    }

    /**
     * Publishes 0001 status {@code *} + 0002 fejlnr + 9999 on {@code eindkomst.retur} and waits until settled.
     *
     * @throws IllegalArgumentException when the HovedIndberetningID cannot be put in record 0001
     */
    void publishAdvice(JsonObject props, String id, byte[] body, PlatformFejl fejl) throws Exception {
        CaseSystem system = CaseSystem.fromHovedIndberetningId(id);
        byte[] advice = PlatformAdvice.render(id, fejl, body);
        String se = stringOrNull(props, MessageProperties.SE_NUMMER);
        if (se == null) {
            String fromHeader = Fejladvisering.parse(advice).start().indberetterSeNr();
            se = fromHeader.isEmpty() ? null : fromHeader;
        }
        OutgoingAmqpMetadata.OutgoingAmqpMetadataBuilder out = OutgoingAmqpMetadata.builder().withDurable(true)
                .withApplicationProperty(MessageProperties.FORSENDELSE_TYPE, ForsendelseType.FEJLADVISERING.name())
                .withApplicationProperty(MessageProperties.HOVED_INDBERETNING_ID, id)
                .withApplicationProperty(MessageProperties.SYSTEM, system.name())
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, "PLATFORM-" + fejl.fejlnr() + "-" + id);
        if (se != null) {
            out.withApplicationProperty(MessageProperties.SE_NUMMER, se);
        }
        SettledSend.send(retur, advice, out.build()).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        metrics.platformAdvice(fejl).increment();
    }

    /**
     * Straight to {@code DLQ.eindkomst.forsendelser}: the AMQP {@code rejected} outcome, which Artemis
     * dead-letters at once (no redelivery: trying again would fail the same way). Counts the alert metric.
     */
    private CompletionStage<Void> deadLetter(Message<Object> message, String what) {
        metrics.poison.increment();
        LOG.errorf("poison message on eindkomst.forsendelser: %s; moved to the dead-letter queue", what);
        IncomingAmqpMetadata meta = message.getMetadata(IncomingAmqpMetadata.class).orElse(null);
        if (meta == null || meta.getMessage() == null) {
            return message.nack(new IllegalArgumentException(what));
        }
        meta.getMessage().rejected();
        return CompletableFuture.completedFuture(null);
    }

    /** HovedIndberetningID when the property is a non-blank string, else null (nobody to answer). */
    static String readableId(JsonObject props) {
        String id = stringOrNull(props, MessageProperties.HOVED_INDBERETNING_ID);
        return id == null || id.isBlank() ? null : id;
    }

    static String stringOrNull(JsonObject props, String name) {
        Object value = props.getValue(name);
        return value instanceof String s ? s : null;
    }

    /**
     * Tracking is reported, never a reason to hold a forsendelse back: the acknowledgement does not wait for
     * it (so a restart finds as little as possible sent-but-unacknowledged), and a failure is logged only.
     */
    void track(String id, TrackingStep step, Map<String, String> attributes) {
        tracking.publish(id, step, attributes).whenComplete((event, failure) -> {
            if (failure != null) {
                LOG.warnf("%s: tracking %s not reported (%s)", id, step, failure.getClass().getSimpleName());
            }
        });
    }

    /** SPEC §2.7 properties, and SKAT's MQ duplicate id so a resend after a crash is dropped there. */
    static Map<String, String> skatProperties(JsonObject props, String id, String key) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(MessageProperties.HOVED_INDBERETNING_ID, id);
        p.put(MessageProperties.FORSENDELSE_TYPE, ForsendelseType.INDBERETNING.name());
        String se = stringOrNull(props, MessageProperties.SE_NUMMER);
        if (se != null) {
            p.put(MessageProperties.SE_NUMMER, se);
        }
        String afsender = props.getString(MessageProperties.AFSENDER);
        CaseSystem system = CaseSystem.fromHovedIndberetningId(id);
        if (afsender == null && system != null) {
            afsender = system.edbSystem();
        }
        if (afsender != null) {
            p.put(MessageProperties.AFSENDER, afsender);
        }
        p.put(MessageProperties.DUPLICATE_ID, "EP_SK1-" + key);
        SkatMqTraceContext.inject(Context.current(), p);
        return p;
    }

    /**
     * What identifies this delivery of the forsendelse: kept across re-publications; else the producer's
     * duplicate id; else the AMQP message id; else HovedIndberetningID and the body's hash.
     */
    private static String deliveryKey(JsonObject props, IncomingAmqpMetadata meta, String id, byte[] body) {
        String kept = props.getString(DELIVERY_KEY);
        if (kept != null) {
            return kept;
        }
        Object dup = props.getValue(MessageProperties.DUPLICATE_ID);
        if (dup instanceof byte[] raw) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        if (dup != null) {
            return dup.toString();
        }
        if (meta != null && meta.getId() != null) {
            return meta.getId();
        }
        return id + "-" + Sha256.hex(body);
    }
}
