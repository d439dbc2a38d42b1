package io.reportingsuite.forwarder.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.forwarder.config.ForwarderConfig;
import io.reportingsuite.skatmq.config.SkatMqQueues;
import io.reportingsuite.skatmq.tracing.SkatMqTraceContext;
import io.opentelemetry.api.trace.Tracer;
import io.reportingsuite.support.tracking.TrackingPublisher;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * EP_SK2: SKAT's technical status per forsendelse, reported on {@code suite.tracking} as
 * {@link TrackingStep#SKAT_STATUS}. The status carries the HovedIndberetningID and, as JMSCorrelationID,
 * the EP_SK1 message id that the SENT_TO_SKAT event recorded, so the timeline ties them together without
 * the forwarder keeping state. Committed only after the tracking event was settled.
 */
@ApplicationScoped
public class StatusListener {

    private static final Logger LOG = Logger.getLogger(StatusListener.class);
    private static final long RECEIVE_TIMEOUT_MS = 200;

    private final ConnectionFactory factory;
    private final ForwarderConfig config;
    private final SkatMqQueues queues;
    private final TrackingPublisher tracking;
    private final ForwarderMetrics metrics;
    @Inject
    Tracer tracer;
    private JmsLoop loop;

    @Inject
    public StatusListener(@Identifier("skat") ConnectionFactory factory, ForwarderConfig config,
                          SkatMqQueues queues, TrackingPublisher tracking, ForwarderMetrics metrics) {
        this.factory = factory;
        this.config = config;
        this.queues = queues;
        this.tracking = tracking;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        loop = new JmsLoop("forwarder-ep-sk2", factory, this::consume);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    private void consume(Connection connection, JmsLoop running) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queues.indberetningStatus()));
        while (running.running()) {
            Message m = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (m == null) {
                continue;
            }
            SkatMqTraceContext.Received traced = SkatMqTraceContext.received(tracer, "EP_SK2", m);
            try {
                report(m);
                session.commit();
                traced.close();
            } catch (JMSException | RuntimeException e) {
                traced.failed(e);
                session.rollback();
                throw e;
            }
        }
    }

    private void report(Message m) throws JMSException {
        String id = m.getStringProperty(MessageProperties.HOVED_INDBERETNING_ID);
        String status = m.getStringProperty(SkatMq.STATUS);
        if (id == null || status == null) {
            metrics.poison.increment();
            throw new IllegalArgumentException("EP_SK2 message " + m.getJMSMessageID()
                    + " has no HovedIndberetningID or Status");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("status", status);
        if (m.getJMSCorrelationID() != null) {
            attributes.put("skatMessageId", m.getJMSCorrelationID());
        }
        String reason = m.getStringProperty(SkatMq.REASON);
        if (reason != null) {
            attributes.put("reason", reason);
        }
        try {
            tracking.publish(id, TrackingStep.SKAT_STATUS, attributes).toCompletableFuture()
                    .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("tracking did not take the EP_SK2 status of " + id, e);
        }
        metrics.statuses.increment();
        LOG.infof("%s: SKAT status %s", id, status);
    }
}
