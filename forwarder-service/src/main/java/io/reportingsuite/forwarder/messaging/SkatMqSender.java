package io.reportingsuite.forwarder.messaging;

import io.reportingsuite.skatmq.config.SkatMqQueues;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import io.reportingsuite.support.messaging.LargeMessages;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.activemq.artemis.api.core.ActiveMQAddressDoesNotExistException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQNonExistentQueueException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Sends forsendelser to EP_SK1: one shared JMS connection to SKAT's MQ, a pool of transacted sessions (one
 * per concurrent sender), persistent messages, and a commit per message: when {@link #send} returns, SKAT's
 * MQ has the message durably. Any failure closes the connection, so the next send starts clean; the
 * connection is opened by {@link SkatMqConnections}, whose circuit breaker makes sends fail at once for a
 * moment after a failed attempt instead of each waiting out its own connect time.
 */
@ApplicationScoped
public class SkatMqSender {

    private final SkatMqConnections connections;
    private final String queueName;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    private Connection connection;
    private long generation;

    @Inject
    public SkatMqSender(SkatMqConnections connections, SkatMqQueues queues) {
        this.connections = connections;
        this.queueName = queues.indberetningData();
    }

    private record Channel(long generation, Session session, MessageProducer producer, Queue queue) {
    }

    /**
     * Outcome of a send.
     *
     * @param messageId the JMSMessageID of the message sent
     * @param duplicate SKAT's MQ already had a message with this duplicate id (an earlier attempt of this
     *                  very forsendelse committed before a crash): nothing new was sent
     */
    public record Sent(String messageId, boolean duplicate) {
    }

    /**
     * SKAT's MQ answered, and the answer is no: not allowed, no such queue, a message it cannot take. Trying
     * again later would get the same answer, unlike an MQ that cannot be reached.
     */
    public static final class Refused extends Exception {
        Refused(Throwable cause) {
            super(cause.getClass().getSimpleName(), cause);
        }
    }

    /**
     * Sends and commits one message.
     *
     * @param properties string properties of the JMS message (SPEC §2.7, {@code _AMQ_DUPL_ID})
     * @throws Refused      when SKAT's MQ refuses the message (see {@link Refused})
     * @throws JMSException when SKAT's MQ cannot be reached (or fails in a way that may pass)
     */
    public Sent send(byte[] body, Map<String, String> properties) throws JMSException, Refused {
        return send(message -> message.writeBytes(body), properties);
    }

    /**
     * {@link #send(byte[], Map)} for a large forsendelse: the body is streamed from {@code body} while it is sent
     * (an Artemis large message, in chunks), never held in memory. The caller closes {@code body}.
     */
    public Sent send(InputStream body, Map<String, String> properties) throws JMSException, Refused {
        return send(message -> message.setObjectProperty(LargeMessages.INPUT_STREAM, body), properties);
    }

    private interface Body {
        void fill(BytesMessage message) throws JMSException;
    }

    private Sent send(Body body, Map<String, String> properties) throws JMSException, Refused {
        Channel channel = borrow();
        BytesMessage message = null;
        try {
            message = channel.session().createBytesMessage();
            for (Map.Entry<String, String> p : properties.entrySet()) {
                message.setStringProperty(p.getKey(), p.getValue());
            }
            body.fill(message);
            channel.producer().send(channel.queue(), message);
            channel.session().commit();
            idle.push(channel);
            return new Sent(message.getJMSMessageID(), false);
        } catch (JMSException | RuntimeException e) {
            if (isDuplicate(e)) {
                discard(channel);
                return new Sent(message.getJMSMessageID(), true);
            }
            if (isRefusal(e)) {
                discard(channel);
                throw new Refused(e);
            }
            broken(channel.generation());
            throw asJms(e);
        }
    }

    /** SKAT's MQ refuses a duplicate id synchronously; the session's transaction is then spoilt. */
    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    /** A definite no from SKAT's MQ (or from the JMS client about this message), not an unreachable MQ. */
    static boolean isRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JMSSecurityException || t instanceof JMSSecurityRuntimeException
                    || t instanceof InvalidDestinationException || t instanceof InvalidDestinationRuntimeException
                    || t instanceof MessageFormatException || t instanceof MessageFormatRuntimeException
                    || t instanceof ActiveMQSecurityException || t instanceof ActiveMQNonExistentQueueException
                    || t instanceof ActiveMQAddressDoesNotExistException) {
                return true;
            }
        }
        return false;
    }

    private static void discard(Channel channel) {
        try {
            channel.session().rollback();
            channel.session().close();
        } catch (JMSException | RuntimeException ignored) {
            // the session is dropped either way
        }
    }

    private Channel borrow() throws JMSException {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            if (channel.generation() == currentGeneration()) {
                return channel;
            }
        }
        Connection c = connection();
        long gen = currentGeneration();
        try {
            Session session = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            return new Channel(gen, session, producer, session.createQueue(queueName));
        } catch (JMSException | RuntimeException e) {
            broken(gen);
            throw asJms(e);
        }
    }

    private synchronized long currentGeneration() {
        return generation;
    }

    private synchronized Connection connection() throws JMSException {
        if (connection == null) {
            try {
                connection = connections.open();
            } catch (CircuitBreakerOpenException open) {
                JMSException unreachable = new JMSException("SKAT MQ unreachable (a recent connection attempt failed)");
                unreachable.initCause(open);
                throw unreachable;
            }
            long gen = generation;
            connection.setExceptionListener(e -> broken(gen));
        }
        return connection;
    }

    /** Drops the connection of that generation (and with it every pooled session). */
    private synchronized void broken(long gen) {
        if (gen != generation) {
            return;
        }
        generation++;
        idle.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException ignored) {
                // it is broken already; a new one is made on the next send
            }
            connection = null;
        }
    }

    private static JMSException asJms(Exception e) {
        if (e instanceof JMSException j) {
            return j;
        }
        JMSException j = new JMSException(e.getClass().getSimpleName());
        j.initCause(e);
        return j;
    }

    @PreDestroy
    synchronized void close() {
        broken(generation);
    }
}
