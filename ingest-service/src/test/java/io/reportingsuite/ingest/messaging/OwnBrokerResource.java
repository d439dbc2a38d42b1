package io.reportingsuite.ingest.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.reportingsuite.devstack.BrokerSettings;
import io.reportingsuite.devstack.EmbeddedBroker;
import io.reportingsuite.devstack.test.SharedDevStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.BaseInterceptor;

/**
 * The shared devstack (database {@code ingest}, tracking on the shared broker) with the forsendelse hand-off — the
 * AMQP channel {@code forsendelser-out} and the core connection {@code suite} of large messages — on a broker of
 * the test's own, so that a test can stop it and start it again (same ports, same journal: the duplicate-id cache
 * survives, as in a real broker restart) without disturbing other test classes.
 */
public class OwnBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedBroker broker;
    private static BrokerSettings settings;

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory("ingest-own-broker");
            broker = EmbeddedBroker.start(BrokerSettings.forTests(data));
            settings = broker.settings();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test's own broker", e);
        }
        Map<String, String> config = new HashMap<>(SharedDevStack.get().quarkusConfig("ingest"));
        config.put("mp.messaging.outgoing.forsendelser-out.host", settings.host());
        config.put("mp.messaging.outgoing.forsendelser-out.port", Integer.toString(settings.amqpPort()));
        config.put("quarkus.artemis.\"suite\".url", broker.coreUrl());
        return config;
    }

    /** Stops the broker (graceful: the clients' connections are closed). */
    static synchronized void stopBroker() throws Exception {
        broker.close();
    }

    /** Starts it again on the same ports with the same journal. */
    static synchronized void startBroker() throws Exception {
        broker = EmbeddedBroker.start(settings);
    }

    /** Intercepts what reaches the broker (see {@link EmbeddedBroker#addIncomingInterceptor}). */
    static synchronized void addInterceptor(BaseInterceptor<?> interceptor) {
        broker.addIncomingInterceptor(interceptor);
    }

    static synchronized void removeInterceptor(BaseInterceptor<?> interceptor) {
        broker.removeIncomingInterceptor(interceptor);
    }

    static synchronized String coreUrl() {
        return "tcp://" + settings.host() + ":" + settings.corePort();
    }

    @Override
    public void stop() {
        try {
            broker.close();
        } catch (Exception e) {
            // the JVM ends with the test run
        }
    }
}
