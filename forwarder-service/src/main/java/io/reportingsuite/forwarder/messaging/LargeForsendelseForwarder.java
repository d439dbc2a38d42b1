package io.reportingsuite.forwarder.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.retur.PlatformFejl;
import io.reportingsuite.forwarder.config.ForwarderConfig;
import io.reportingsuite.forwarder.service.PayloadCheck;
import io.reportingsuite.forwarder.service.RetryPolicy;
import io.reportingsuite.support.messaging.LargeMessages;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * IF01 step 3 for large forsendelser (EP_FS2 files above ingest's {@code ingest.large-message-threshold}):
 * takes each one from {@code eindkomst.forsendelser.large} with JMS over the suite broker's core protocol, in a
 * transacted session, streams its body to a temporary file while hashing it, checks it as {@link PayloadCheck}
 * does, streams the file to EP_SK1 and commits the consumption only after SKAT's MQ committed. Neither side of
 * the transfer holds the body in memory (Artemis large messages, sent and received in chunks).
 *
 * <p>The guarantees are those of {@link ForsendelseForwarder}, with the same retry policy, metrics, tracking and
 * platform fejladvisering: while SKAT's MQ is unreachable the forsendelse is re-published on the same queue from
 * the temporary file, with a scheduled delivery time, its attempt number, the start of its window and a
 * per-attempt duplicate id, <em>in the same transaction</em> as its consumption; past the window 9001; a body
 * that is not the one ingest accepted 9004; a refused send 9002; a message that keeps failing 9002 on the
 * {@code forwarder.poison-attempts}-th delivery. One that will never reach SKAT is copied to the dead-letter
 * address in the transaction that consumes it. A graceful shutdown finishes the forsendelse in hand (within
 * {@code forwarder.shutdown-drain-timeout}) and takes no new one.
 */
@ApplicationScoped
public class LargeForsendelseForwarder {

    private static final Logger LOG = Logger.getLogger(LargeForsendelseForwarder.class);
    private static final long RECEIVE_TIMEOUT_MS = 200;
    private static final int BUFFER = 64 * 1024;

    private final ConnectionFactory suite;
    private final SkatMqSender sender;
    private final ForsendelseForwarder forwarder;
    private final ForwarderMetrics metrics;
    private final ForwarderConfig config;
    private final RetryPolicy policy;
    private final Clock clock;
    private final List<JmsLoop> loops = new ArrayList<>();
    private volatile Instant drainDeadline;

    @Inject
    public LargeForsendelseForwarder(@Identifier("suite") ConnectionFactory suite, SkatMqSender sender,
                                     ForsendelseForwarder forwarder, ForwarderMetrics metrics,
                                     ForwarderConfig config, Clock clock) {
        this.suite = suite;
        this.sender = sender;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.config = config;
        this.policy = new RetryPolicy(config.mqRetryWindow(), config.retry(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        for (int i = 0; i < config.large().consumers(); i++) {
            JmsLoop loop = new JmsLoop("forwarder-large-" + i, suite, this::consume);
            loops.add(loop);
            loop.start();
        }
    }

    /**
     * Graceful shutdown, before the connections close: no consumer takes a new forsendelse, and the one each is
     * working on is finished (sent and committed) if that takes less than the drain timeout; otherwise its
     * transaction is rolled back when the connection closes and the broker delivers it again.
     */
    void stopTaking(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) ShutdownEvent event) {
        // before ForsendelseForwarder's drain, so both drain at the same time within one drain timeout
        drainDeadline = Instant.now().plus(config.shutdownDrainTimeout());
        loops.forEach(JmsLoop::requestStop);
    }

    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        Instant deadline = drainDeadline != null ? drainDeadline : Instant.now().plus(config.shutdownDrainTimeout());
        long unfinished = loops.stream()
                .filter(loop -> !loop.stop(Duration.between(Instant.now(), deadline).isNegative() ? Duration.ZERO
                        : Duration.between(Instant.now(), deadline)))
                .count();
        if (unfinished > 0) {
            LOG.warnf("shutdown: %d large forsendelser still in flight after %s; the broker redelivers them",
                    unfinished, config.shutdownDrainTimeout());
        }
    }

    private void consume(Connection connection, JmsLoop loop) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue(Addresses.FORSENDELSER_LARGE));
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        while (loop.running()) {
            Message m = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (m != null) {
                new Delivery(session, producer, m).process();
            }
        }
    }

    /** One delivery of one large forsendelse, from receipt to commit (or rollback). */
    private final class Delivery {
        private final Session session;
        private final MessageProducer producer;
        private final Message message;
        private final JsonObject props;
        private LargeMessages.Saved saved;

        Delivery(Session session, MessageProducer producer, Message message) throws JMSException {
            this.session = session;
            this.producer = producer;
            this.message = message;
            this.props = properties(message);
        }

        void process() throws JMSException {
            Path file = null;
            try {
                file = config.large().tempDir().isPresent()
                        ? Files.createTempFile(config.large().tempDir().get(), "forsendelse-", ".part")
                        : Files.createTempFile("forsendelse-", ".part");
                forward(file);
            } catch (IOException | RuntimeException e) {
                failed(e);
            } finally {
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        LOG.warnf("could not delete the temporary file of a large forsendelse (%s)",
                                e.getClass().getSimpleName());
                    }
                }
            }
        }

        private void forward(Path file) throws JMSException, IOException {
            String id = ForsendelseForwarder.readableId(props);
            if (id == null) {
                deadLetter("a large forsendelse without a readable HovedIndberetningID");
                return;
            }
            if (!(message instanceof BytesMessage bytes)) {
                answerAndDeadLetter(id, PlatformFejl.NOT_DECODABLE, "not a bytes message");
                return;
            }
            saved = LargeMessages.save(bytes, file);
            String problem = PayloadCheck.problem(saved.size(), saved.sha256(),
                    ForsendelseForwarder.stringOrNull(props, MessageProperties.CONTENT_SHA256), saved.head());
            if (problem != null) {
                answerAndDeadLetter(id, PlatformFejl.NOT_DECODABLE, problem);
                return;
            }
            String key = deliveryKey(id);
            int failedAttempts = props.getInteger(ForsendelseForwarder.ATTEMPT, 0);
            SkatMqSender.Sent sent;
            try (InputStream body = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
                sent = sender.send(body, ForsendelseForwarder.skatProperties(props, id, key));
            } catch (SkatMqSender.Refused e) {
                answerAndDeadLetter(id, PlatformFejl.INTERNAL_ERROR, "SKAT MQ refused the send (" + e.getMessage()
                        + ")");
                return;
            } catch (JMSException e) {
                LOG.warnf("%s: SKAT MQ unreachable (attempt %d, %s)", id, failedAttempts + 1,
                        e.getClass().getSimpleName());
                unreachable(id, key, failedAttempts + 1, file);
                return;
            }
            session.commit();
            if (sent.duplicate()) {
                metrics.resent.increment();
                metrics.leftWindow(id);
                LOG.infof("%s: already on EP_SK1 (duplicate id); not sent again", id);
                return;
            }
            metrics.sent.increment();
            metrics.sentToSkat(id);
            LOG.infof("%s: sent to EP_SK1 as %s (large, %d bytes)", id, sent.messageId(), saved.size());
            forwarder.track(id, TrackingStep.SENT_TO_SKAT, Map.of("skatMessageId", sent.messageId(),
                    "attempt", Integer.toString(failedAttempts + 1)));
        }

        /** Re-published from the file with a scheduled delivery time, in the transaction that consumes it. */
        private void unreachable(String id, String key, int attempt, Path file) throws JMSException, IOException {
            Instant now = clock.instant();
            String first = props.getString(ForsendelseForwarder.FIRST_FAILURE_AT);
            Instant firstFailure = first == null ? now : Instant.parse(first);
            if (policy.exhausted(firstFailure, now)) {
                giveUp(id, attempt);
                return;
            }
            Instant next = now.plus(policy.delay(attempt, firstFailure, now));
            Map<String, Object> out = new LinkedHashMap<>(props.getMap());
            out.put(ForsendelseForwarder.ATTEMPT, attempt);
            out.put(ForsendelseForwarder.FIRST_FAILURE_AT, firstFailure.toString());
            out.put(ForsendelseForwarder.DELIVERY_KEY, key);
            // deterministic per attempt, as on the AMQP path
            out.put(MessageProperties.DUPLICATE_ID, key + "#retry-" + attempt);
            out.put(LargeMessages.SCHEDULED_DELIVERY, next.toEpochMilli());
            try (InputStream body = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
                producer.send(session.createQueue(Addresses.FORSENDELSER_LARGE),
                        LargeMessages.streamed(session, body, out));
            }
            session.commit();
            metrics.retried.increment();
            metrics.retrying(id, firstFailure);
            forwarder.track(id, TrackingStep.QUEUED, Map.of("reason", "SKAT MQ unreachable", "attempt",
                    Integer.toString(attempt), "nextAttemptAt", next.toString()));
        }

        private void giveUp(String id, int attempts) throws JMSException, IOException {
            if (CaseSystem.fromHovedIndberetningId(id) == null) {
                deadLetter("a large forsendelse whose HovedIndberetningID prefix names no case system");
                return;
            }
            try {
                forwarder.publishAdvice(props, id, head(), PlatformFejl.MQ_UNAVAILABLE);
            } catch (Exception e) {
                LOG.errorf("%s: could not publish the platform fejladvisering (%s); the broker redelivers it", id,
                        e.getClass().getSimpleName());
                session.rollback();
                return;
            }
            session.commit();
            metrics.windowExhausted.increment();
            metrics.leftWindow(id);
            LOG.errorf("%s: SKAT MQ unreachable for the whole retry window; platform fejladvisering %d sent", id,
                    PlatformFejl.MQ_UNAVAILABLE.fejlnr());
            forwarder.track(id, TrackingStep.FAILED, Map.of("fejlnr",
                    Integer.toString(PlatformFejl.MQ_UNAVAILABLE.fejlnr()), "attempts", Integer.toString(attempts)));
        }

        /** An unexpected failure: rolled back for the broker to redeliver, until the poison-attempts-th delivery. */
        private void failed(Exception e) throws JMSException {
            int delivery = message.propertyExists(LargeMessages.DELIVERY_COUNT)
                    ? message.getIntProperty(LargeMessages.DELIVERY_COUNT) : 1;
            String id = ForsendelseForwarder.readableId(props);
            if (delivery < config.poisonAttempts()) {
                LOG.errorf("%s: large forsendelse not processed (delivery %d of %d, %s); the broker redelivers it",
                        id, delivery, config.poisonAttempts(), e.getClass().getSimpleName());
                session.rollback();
                return;
            }
            String what = "failed on each of " + delivery + " deliveries (" + e.getClass().getSimpleName() + ")";
            try {
                if (id == null) {
                    deadLetter("a large forsendelse without a readable HovedIndberetningID " + what);
                } else {
                    answerAndDeadLetter(id, PlatformFejl.INTERNAL_ERROR, what);
                }
            } catch (IOException io) {
                LOG.errorf("%s: could not dead-letter the large forsendelse (%s); the broker redelivers it", id,
                        io.getClass().getSimpleName());
                session.rollback();
            }
        }

        private void answerAndDeadLetter(String id, PlatformFejl fejl, String what) throws JMSException, IOException {
            if (CaseSystem.fromHovedIndberetningId(id) == null) {
                deadLetter("a large forsendelse whose HovedIndberetningID prefix names no case system (" + what + ")");
                return;
            }
            try {
                forwarder.publishAdvice(props, id, head(), fejl);
            } catch (IllegalArgumentException e) {
                deadLetter("a HovedIndberetningID no fejladvisering can carry (" + what + ")");
                return;
            } catch (Exception e) {
                LOG.errorf("%s: could not publish the platform fejladvisering %d (%s); the broker redelivers it", id,
                        fejl.fejlnr(), e.getClass().getSimpleName());
                session.rollback();
                return;
            }
            LOG.errorf("%s: not sent to SKAT: %s; platform fejladvisering %d sent", id, what, fejl.fejlnr());
            forwarder.track(id, TrackingStep.FAILED, Map.of("fejlnr", Integer.toString(fejl.fejlnr())));
            deadLetter(what);
        }

        /**
         * Copies the forsendelse (streamed from the file when it was saved) to the dead-letter address with
         * {@code _AMQ_ORIG_ADDRESS}, as the broker does, and consumes it in the same transaction: it lands in
         * {@code DLQ.eindkomst.forsendelser.large} at once. Counts the alert metric.
         */
        private void deadLetter(String what) throws JMSException, IOException {
            Map<String, Object> out = new LinkedHashMap<>(props.getMap());
            out.remove(MessageProperties.DUPLICATE_ID);
            out.put(LargeMessages.ORIGINAL_ADDRESS, Addresses.FORSENDELSER_LARGE);
            try (InputStream body = saved == null ? new ByteArrayInputStream(new byte[0])
                    : new BufferedInputStream(Files.newInputStream(saved.file()), BUFFER)) {
                producer.send(session.createQueue(config.large().deadLetterAddress()),
                        LargeMessages.streamed(session, body, out));
            }
            session.commit();
            metrics.poison.increment();
            LOG.errorf("poison message on %s: %s; moved to the dead-letter queue", Addresses.FORSENDELSER_LARGE, what);
        }

        /** The first bytes of the body, enough for record 1000 (what the platform fejladvisering echoes). */
        private byte[] head() {
            return saved == null ? new byte[0] : saved.head();
        }

        private String deliveryKey(String id) throws JMSException {
            String kept = props.getString(ForsendelseForwarder.DELIVERY_KEY);
            if (kept != null) {
                return kept;
            }
            Object dup = message.getObjectProperty(MessageProperties.DUPLICATE_ID);
            if (dup instanceof byte[] raw) {
                return new String(raw, StandardCharsets.UTF_8);
            }
            if (dup != null) {
                return dup.toString();
            }
            if (message.getJMSMessageID() != null) {
                return message.getJMSMessageID();
            }
            return id + "-" + saved.sha256();
        }
    }

    /**
     * The application properties of a message (the contract's and the forwarder's own), without the JMS and
     * Artemis ones ({@code JMS*}, {@code _AMQ_*}) except the duplicate id, as the AMQP path sees them.
     */
    private static JsonObject properties(Message m) throws JMSException {
        JsonObject props = new JsonObject();
        for (Object n : Collections.list(m.getPropertyNames())) {
            String name = n.toString();
            if (name.startsWith("JMS") || name.startsWith("_AMQ_") && !name.equals(MessageProperties.DUPLICATE_ID)) {
                continue;
            }
            Object value = m.getObjectProperty(name);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                props.put(name, value);
            } else if (value != null) {
                props.put(name, value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8)
                        : value.toString());
            }
        }
        return props;
    }
}
