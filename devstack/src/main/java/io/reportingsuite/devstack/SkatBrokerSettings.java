package io.reportingsuite.devstack;

import io.reportingsuite.contracts.skatmq.SkatMq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the stand-in for "SKAT's MQ" is set up: a second Artemis broker, core protocol only, with SKAT's four
 * queues declared (ARCHITECTURE §3, SPEC §2.7). Only the forwarder and the skat-simulator connect to it.
 *
 * @param host                loopback interface to bind
 * @param port                core acceptor (0 = pick a free port)
 * @param dataDirectory       journal and bindings; persistence is on, as on SKAT's side
 * @param queues              queue names: EP_SK1 data, EP_SK2 status, EP_SK3 return data, EP_SK4 return status
 * @param redeliveryDelay     first wait before a rolled-back message is delivered again
 * @param maxRedeliveryDelay  upper bound of the growing redelivery delay
 * @param maxDeliveryAttempts deliveries before a message goes to {@code DLQ.<queue>}
 */
public record SkatBrokerSettings(String host, int port, Path dataDirectory, List<String> queues,
                                 Duration redeliveryDelay, Duration maxRedeliveryDelay, int maxDeliveryAttempts) {

    /** Default queue names (configuration in the services; these are their defaults). */
    public static final List<String> DEFAULT_QUEUES = List.of(SkatMq.EP_SK1_DEFAULT, SkatMq.EP_SK2_DEFAULT,
            SkatMq.EP_SK3_DEFAULT, SkatMq.EP_SK4_DEFAULT);

    /** Local-run default port, next to the suite broker's core port 61616. */
    public static final int DEFAULT_PORT = 61617;

    public SkatBrokerSettings {
        queues = List.copyOf(queues);
    }

    public static SkatBrokerSettings defaults(Path dataDirectory) {
        return new SkatBrokerSettings("127.0.0.1", DEFAULT_PORT, dataDirectory, DEFAULT_QUEUES, Duration.ofSeconds(1),
                Duration.ofMinutes(1), 10);
    }

    /** Free port and short redelivery delays, so tests see redelivery within seconds. */
    public static SkatBrokerSettings forTests(Path dataDirectory) {
        return new SkatBrokerSettings("127.0.0.1", 0, dataDirectory, DEFAULT_QUEUES, Duration.ofMillis(200),
                Duration.ofSeconds(2), 5);
    }

    public SkatBrokerSettings withPort(int newPort) {
        return new SkatBrokerSettings(host, newPort, dataDirectory, queues, redeliveryDelay, maxRedeliveryDelay,
                maxDeliveryAttempts);
    }
}
