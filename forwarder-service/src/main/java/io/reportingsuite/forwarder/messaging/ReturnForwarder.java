package io.reportingsuite.forwarder.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.forwarder.config.ForwarderConfig;
import io.reportingsuite.skatmq.config.SkatMqQueues;
import io.reportingsuite.skatmq.tracing.SkatMqTraceContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.reportingsuite.support.messaging.SettledSend;
import io.reportingsuite.support.tracking.TrackingPublisher;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * IF02 steps 1–3 on the MQ side (SPEC §10: the forwarder owns EP_SK3/EP_SK4): takes each return document
 * from EP_SK3 in a JMS transaction, publishes it on {@code eindkomst.retur} with its metadata, and only
 * after the suite's broker settled it sends the EP_SK4 status and commits. A crash in between redelivers
 * the EP_SK3 message; the AMQP duplicate id (= SKAT's message id) drops the second copy.
 */
@ApplicationScoped
public class ReturnForwarder {

    private static final Logger LOG = Logger.getLogger(ReturnForwarder.class);
    private static final long RECEIVE_TIMEOUT_MS = 200;

    private final ConnectionFactory factory;
    private final ForwarderConfig config;
    private final SkatMqQueues queues;
    private final Emitter<byte[]> retur;
    private final TrackingPublisher tracking;
    private final ForwarderMetrics metrics;
    @Inject
    Tracer tracer;
    private final List<JmsLoop> loops = new ArrayList<>();

    @Inject
    public ReturnForwarder(@Identifier("skat") ConnectionFactory factory, ForwarderConfig config,
                           SkatMqQueues queues, @Channel("retur-out") Emitter<byte[]> retur, TrackingPublisher tracking,
                           ForwarderMetrics metrics) {
        this.factory = factory;
        this.config = config;
        this.queues = queues;
        this.retur = retur;
        this.tracking = tracking;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        for (int i = 0; i < config.returnConsumers(); i++) {
            JmsLoop loop = new JmsLoop("forwarder-ep-sk3-" + i, factory, this::consume);
            loops.add(loop);
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(JmsLoop::stop);
    }

    private void consume(Connection connection, JmsLoop loop) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queues.returData()));
        MessageProducer status = session.createProducer(session.createQueue(queues.returStatus()));
        status.setDeliveryMode(DeliveryMode.PERSISTENT);
        while (loop.running()) {
            Message m = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (m == null) {
                continue;
            }
            SkatMqTraceContext.Received traced = SkatMqTraceContext.received(tracer, "EP_SK3", m);
            try {
                forward(session, status, m);
                session.commit();
                traced.close();
            } catch (JMSException | RuntimeException e) {
                traced.failed(e);
                session.rollback();
                throw e;
            }
        }
    }

    private void forward(Session session, MessageProducer status, Message m) throws JMSException {
        String skatMessageId = m.getJMSMessageID();
        String type = m.getStringProperty(MessageProperties.FORSENDELSE_TYPE);
        String id = m.getStringProperty(MessageProperties.HOVED_INDBERETNING_ID);
        String se = m.getStringProperty(MessageProperties.SE_NUMMER);
        byte[] body = body(m);
        if (!returnType(type) || body.length == 0) {
            // Rolled back: SKAT's MQ redelivers and after its attempts moves it to its dead-letter queue.
            metrics.poison.increment();
            throw new IllegalArgumentException("EP_SK3 message " + skatMessageId
                    + " has no known ForsendelseType or no body");
        }
        OutgoingAmqpMetadata.OutgoingAmqpMetadataBuilder out = OutgoingAmqpMetadata.builder().withDurable(true)
                .withApplicationProperty(MessageProperties.FORSENDELSE_TYPE, type)
                .withApplicationProperty(MessageProperties.SKAT_MESSAGE_ID, skatMessageId)
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, skatMessageId);
        if (id != null) {
            out.withApplicationProperty(MessageProperties.HOVED_INDBERETNING_ID, id);
            CaseSystem system = CaseSystem.fromHovedIndberetningId(id);
            if (system != null) {
                out.withApplicationProperty(MessageProperties.SYSTEM, system.name());
            }
        }
        if (se != null) {
            out.withApplicationProperty(MessageProperties.SE_NUMMER, se);
        }
        try {
            SettledSend.send(retur, body, out.build()).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("eindkomst.retur did not take " + skatMessageId, e);
        }
        Message answer = session.createMessage();
        answer.setJMSCorrelationID(skatMessageId);
        answer.setStringProperty(SkatMq.STATUS, SkatMq.Status.PROCESSED.name());
        if (id != null) {
            answer.setStringProperty(MessageProperties.HOVED_INDBERETNING_ID, id);
        }
        SkatMqTraceContext.inject(Context.current(), answer);
        status.send(answer);
        metrics.returns.increment();
        if (id != null) {
            metrics.answered(id);
        }
        LOG.infof("EP_SK3 %s (%s, %s) forwarded to eindkomst.retur", skatMessageId, type, id == null ? "unsolicited" : id);
        if (id != null) {
            tracking.publish(id, TrackingStep.RETURN_RECEIVED, Map.of("type", type, "skatMessageId", skatMessageId))
                    .exceptionally(failure -> {
                        LOG.warnf("%s: tracking RETURN_RECEIVED not reported", id);
                        return null;
                    });
        }
    }

    private static boolean returnType(String type) {
        return ForsendelseType.SUMKVITTERING.name().equals(type) || ForsendelseType.FEJLADVISERING.name().equals(type)
                || ForsendelseType.SKATTEKORT.name().equals(type);
    }

    private static byte[] body(Message m) throws JMSException {
        if (m instanceof BytesMessage b) {
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            return bytes;
        }
        return new byte[0];
    }
}
