package io.reportingsuite.ingest.support;

import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.devstack.test.SharedDevStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * Reads what ingest-service put on the real {@code eindkomst.forsendelser} queue of the shared embedded
 * broker, selecting by HovedIndberetningID so tests do not see each other's messages.
 */
public final class ForsendelseQueue {

    /** One message as the forwarder would receive it. */
    public record Received(byte[] body, Map<String, Object> properties) {
    }

    private ForsendelseQueue() {
    }

    /**
     * How long {@link #take} keeps listening after a message for a further one (a duplicate), at most: longer than
     * anything in ingest's test configuration that could send one again (the Styret pipeline's 1 s poll interval and
     * 1 s maximum retry back-off; REST and SOAP publish within the request). A longer {@code waitMillis} is only the
     * time the first message may take on a loaded machine, not a reason to wait that long again after it.
     */
    static final long DUPLICATE_WINDOW_MILLIS = 2000;

    /**
     * Takes every message for {@code id}: the first one arriving within {@code waitMillis} (none: an empty list after
     * that long), each further one within {@code waitMillis} (at most {@link #DUPLICATE_WINDOW_MILLIS}) of the
     * previous one.
     */
    public static List<Received> take(String id, long waitMillis) throws Exception {
        return take(SharedDevStack.get().broker().coreUrl(), id, waitMillis);
    }

    /** The same from the broker at {@code coreUrl} (a test's own broker). */
    public static List<Received> take(String coreUrl, String id, long waitMillis) throws Exception {
        List<Received> taken = new ArrayList<>();
        try (ServerLocator locator = ActiveMQClient.createServerLocator(coreUrl);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            session.start();
            try (ClientConsumer consumer = session.createConsumer(SimpleString.of(Addresses.FORSENDELSER),
                    SimpleString.of(MessageProperties.HOVED_INDBERETNING_ID + " = '" + id + "'"))) {
                ClientMessage m;
                long wait = waitMillis;
                while ((m = consumer.receive(wait)) != null) {
                    wait = Math.min(waitMillis, DUPLICATE_WINDOW_MILLIS);
                    m.acknowledge();
                    byte[] body = new byte[m.getBodySize()];
                    m.getBodyBuffer().readBytes(body);
                    Map<String, Object> properties = new HashMap<>();
                    for (SimpleString name : m.getPropertyNames()) {
                        properties.put(name.toString(), m.getObjectProperty(name) == null ? null
                                : m.getObjectProperty(name).toString());
                    }
                    taken.add(new Received(body, properties));
                }
            }
        }
        return taken;
    }
}
