package io.reportingsuite.devstack;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * "SKAT's MQ" for local runs and tests: a second, separate Artemis broker speaking the core protocol (the
 * JMS client's), with SKAT's queues declared, persistence on, duplicate detection, and redelivery then a
 * dead-letter queue. Tests can {@link #stop()} and {@link #start()} it on the same port and journal to show
 * what happens while SKAT is unreachable.
 */
public final class SkatBroker implements AutoCloseable {

    private final SkatBrokerSettings settings;
    private EmbeddedActiveMQ server;

    private SkatBroker(SkatBrokerSettings settings) {
        this.settings = settings;
    }

    /** Starts a broker; port 0 is replaced by a free one (see {@link #settings()}). */
    public static SkatBroker start(SkatBrokerSettings requested) throws Exception {
        SkatBroker broker = new SkatBroker(requested.withPort(FreePorts.orFree(requested.port())));
        broker.start();
        return broker;
    }

    /** (Re)starts the broker on its port with its journal: what was sent before a stop is still there. */
    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        EmbeddedActiveMQ fresh = new EmbeddedActiveMQ();
        fresh.setConfiguration(configuration());
        fresh.start();
        server = fresh;
    }

    /** Stops the broker: clients see SKAT's MQ as unreachable until {@link #start()}. */
    public synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private Configuration configuration() throws Exception {
        // SKAT's MQ keeps its default duplicate-id cache (20 000) like the suite's broker.
        Configuration config = EmbeddedBroker.persistentBase("skat-mq", settings.dataDirectory(), 20_000, 2_000);
        config.addAcceptorConfiguration("core", "tcp://" + settings.host() + ":" + settings.port() + "?protocols=CORE");
        config.addAddressSetting("#", EmbeddedBroker.deliverySettings(settings.redeliveryDelay(),
                settings.maxRedeliveryDelay(), settings.maxDeliveryAttempts()));
        EmbeddedBroker.declareWorkQueues(config, settings.queues());
        return config;
    }

    public SkatBrokerSettings settings() {
        return settings;
    }

    /** The core-protocol URL for JMS clients. */
    public String url() {
        return "tcp://" + settings.host() + ":" + settings.port();
    }

    /** Messages waiting in a queue, or -1 when the broker is stopped or the queue does not exist. */
    public synchronized long messageCount(String queue) {
        if (server == null) {
            return -1;
        }
        var binding = server.getActiveMQServer().locateQueue(queue);
        return binding == null ? -1 : binding.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
