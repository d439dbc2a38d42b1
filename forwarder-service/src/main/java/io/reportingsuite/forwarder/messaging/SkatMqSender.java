package io.reportingsuite.forwarder.messaging;

import io.reportingsuite.forwarder.config.ForwarderConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.activemq.artemis.api.core.ActiveMQAddressDoesNotExistException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQNonExistentQueueException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Sends forsendelser to EP_SK1: one shared JMS connection to SKAT's MQ, a pool of transacted sessions (one
 * per concurrent sender), persistent messages, committed before {@link #send} returns: when it returns, SKAT's
 * MQ has the message durably. Forsendelser held in memory are committed in groups (group commit): a sender
 * that finds a commit under way queues its message, and the next committer sends everything queued (up to
 * {@code forwarder.send-batch}) in one transaction; each caller returns only after the commit that covers its
 * message. When a group fails in any way it is rolled back and each of its messages is sent again on its own,
 * so a duplicate, a refusal or an unreachable MQ is answered per message exactly as without grouping. Any
 * other failure closes the connection, so the next send starts clean; the
 * connection is opened by {@link SkatMqConnections}, whose circuit breaker makes sends fail at once for a
 * moment after a failed attempt instead of each waiting out its own connect time.
 */
@ApplicationScoped
public class SkatMqSender {

    private final SkatMqConnections connections;
    private final String queueName;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    private final int maxGroup;
    /** In-memory sends waiting for the next group commit. */
    private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
    /** Held by the sender committing a group; the others queue behind it. */
    private final ReentrantLock committer = new ReentrantLock();
    private Connection connection;
    private long generation;

    @Inject
    public SkatMqSender(SkatMqConnections connections, SkatMqQueues queues, ForwarderConfig config) {
        this.connections = connections;
        this.queueName = queues.indberetningData();
        this.maxGroup = Math.max(1, config.sendBatch());
    }

    /** One in-memory send waiting for a group commit, and its outcome once that is known. */
    private static final class Pending {
        final byte[] body;
        final Map<String, String> properties;
        /** Written by the committing thread before {@link #done}; read after it. */
        Sent sent;
        Exception failure;
        volatile boolean done;

        Pending(byte[] body, Map<String, String> properties) {
            this.body = body;
            this.properties = properties;
        }

        Sent outcome() throws JMSException, Refused {
            if (failure instanceof Refused r) {
                throw r;
            }
            if (failure instanceof JMSException j) {
                throw j;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            return sent;
        }
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
        if (maxGroup == 1) {
            return sendOne(body, properties);
        }
        Pending mine = new Pending(body, properties);
        queued.add(mine);
        committer.lock();
        try {
            while (!mine.done) {
                commitGroup();
            }
        } finally {
            committer.unlock();
        }
        return mine.outcome();
    }

    private Sent sendOne(byte[] body, Map<String, String> properties) throws JMSException, Refused {
        return send(message -> message.writeBytes(body), properties);
    }

    /** Sends what is queued (up to the group size) in one transaction; called holding {@link #committer}. */
    private void commitGroup() {
        List<Pending> group = new ArrayList<>();
        Pending next;
        while (group.size() < maxGroup && (next = queued.poll()) != null) {
            group.add(next);
        }
        if (group.size() > 1 && sendTogether(group)) {
            for (Pending p : group) {
                p.done = true;
            }
            return;
        }
        for (Pending p : group) {
            try {
                p.sent = sendOne(p.body, p.properties);
            } catch (JMSException | Refused | RuntimeException e) {
                p.failure = e;
            }
            p.done = true;
        }
    }

    /** The group in one transaction; false (rolled back, nothing sent) when anything failed. */
    private boolean sendTogether(List<Pending> group) {
        Channel channel;
        try {
            channel = borrow();
        } catch (JMSException e) {
            return false;
        }
        try {
            List<BytesMessage> messages = new ArrayList<>(group.size());
            for (Pending p : group) {
                BytesMessage message = channel.session().createBytesMessage();
                for (Map.Entry<String, String> e : p.properties.entrySet()) {
                    message.setStringProperty(e.getKey(), e.getValue());
                }
                message.writeBytes(p.body);
                channel.producer().send(channel.queue(), message);
                messages.add(message);
            }
            channel.session().commit();
            idle.push(channel);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).sent = new Sent(messages.get(i).getJMSMessageID(), false);
            }
            return true;
        } catch (JMSException | RuntimeException e) {
            // Rolled back as a whole (a duplicate spoils the whole transaction): each is tried on its own,
            // on a new connection unless SKAT's MQ answered.
            if (isDuplicate(e) || isRefusal(e)) {
                discard(channel);
            } else {
                broken(channel.generation());
            }
            return false;
        }
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
