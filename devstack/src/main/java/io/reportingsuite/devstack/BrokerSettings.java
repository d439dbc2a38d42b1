package io.reportingsuite.devstack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the embedded broker is set up. Every delivery guarantee of ARCHITECTURE §3 sits next to the setting
 * that gives it, here and in {@link EmbeddedBroker}.
 *
 * @param host                 interface to bind; always loopback here
 * @param amqpPort             AMQP 1.0 acceptor (0 = pick a free port)
 * @param corePort             Artemis core acceptor, also speaks AMQP (0 = pick a free port)
 * @param dataDirectory        journal, bindings, paging and large messages; persistence is always on
 * @param redeliveryDelay      first wait before a message given back by a consumer is delivered again
 * @param maxRedeliveryDelay   upper bound of the exponentially growing redelivery delay
 * @param maxDeliveryAttempts  deliveries before a message is moved to its dead-letter queue
 * @param duplicateIdCacheSize how many {@code _AMQ_DUPL_ID}s per address the broker remembers (persisted)
 */
public record BrokerSettings(String host, int amqpPort, int corePort, Path dataDirectory, Duration redeliveryDelay,
                             Duration maxRedeliveryDelay, int maxDeliveryAttempts, int duplicateIdCacheSize) {

    /** The local-run defaults of ARCHITECTURE §7 (AMQP 5672, core 61616). */
    public static BrokerSettings defaults(Path dataDirectory) {
        return new BrokerSettings("127.0.0.1", 5672, 61616, dataDirectory, Duration.ofSeconds(1),
                Duration.ofMinutes(1), 10, 20_000);
    }

    /** Free ports and a short redelivery delay, so that tests see redelivery within seconds. */
    public static BrokerSettings forTests(Path dataDirectory) {
        return new BrokerSettings("127.0.0.1", 0, 0, dataDirectory, Duration.ofMillis(200), Duration.ofSeconds(2), 5,
                20_000);
    }

    public BrokerSettings withPorts(int amqp, int core) {
        return new BrokerSettings(host, amqp, core, dataDirectory, redeliveryDelay, maxRedeliveryDelay,
                maxDeliveryAttempts, duplicateIdCacheSize);
    }
}
