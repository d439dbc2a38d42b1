package io.reportingsuite.devstack;

import io.reportingsuite.contracts.messaging.Addresses;
import org.apache.activemq.artemis.api.core.BaseInterceptor;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A real ActiveMQ Artemis broker in this JVM, configured as the suite expects its broker in production
 * (ARCHITECTURE §3): persistent, duplicate detection, redelivery with back-off, a dead-letter queue for
 * every queue, anycast work queues declared up front and a multicast tracking address.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Where messages go after {@link BrokerSettings#maxDeliveryAttempts()}: {@code DLQ.<queue>}. */
    public static final String DEAD_LETTER_ADDRESS = "DLA";
    public static final String DEAD_LETTER_QUEUE_PREFIX = "DLQ.";
    public static final String EXPIRY_ADDRESS = "ExpiryAddress";

    private final BrokerSettings settings;
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    private EmbeddedBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Starts a broker; ports given as 0 are replaced by free ones (see {@link #settings()}). */
    public static EmbeddedBroker start(BrokerSettings requested) throws Exception {
        BrokerSettings settings = requested.withPorts(FreePorts.orFree(requested.amqpPort()),
                FreePorts.orFree(requested.corePort()));
        EmbeddedBroker broker = new EmbeddedBroker(settings);
        broker.server.setConfiguration(broker.configuration());
        broker.server.start();
        return broker;
    }

    private Configuration configuration() throws Exception {
        Configuration config = persistentBase("suite-devstack", settings.dataDirectory(),
                settings.duplicateIdCacheSize(), 5_000);
        config.addAcceptorConfiguration("amqp", "tcp://" + settings.host() + ":" + settings.amqpPort()
                + "?protocols=AMQP;saslMechanisms=PLAIN,ANONYMOUS");
        config.addAcceptorConfiguration("core", "tcp://" + settings.host() + ":" + settings.corePort()
                + "?protocols=CORE,AMQP");
        config.addAddressSetting("#", deliverySettings(settings.redeliveryDelay(), settings.maxRedeliveryDelay(),
                settings.maxDeliveryAttempts()));
        declareWorkQueues(config, Addresses.WORK_QUEUES);
        for (String address : Addresses.MULTICAST) {
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(address)
                    .addRoutingType(RoutingType.MULTICAST));
        }
        return config;
    }

    /**
     * What every devstack broker shares: a persistent NIO journal under {@code data}, no accounts (loopback
     * only: a developer's and a test's broker), and a persisted duplicate-id cache.
     */
    static Configuration persistentBase(String name, Path data, int duplicateIdCacheSize,
                                        long gracefulShutdownMillis) {
        return new ConfigurationImpl()
                .setName(name)
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setSecurityEnabled(false)
                .setIDCacheSize(duplicateIdCacheSize)
                .setPersistIDCache(true)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(gracefulShutdownMillis);
    }

    /** Redelivery with exponential back-off, then {@code DLQ.<queue>}; expiry to its own address. */
    static AddressSettings deliverySettings(Duration redeliveryDelay, Duration maxRedeliveryDelay,
                                            int maxDeliveryAttempts) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of(DEAD_LETTER_QUEUE_PREFIX))
                .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS))
                .setAutoCreateExpiryResources(true)
                .setRedeliveryDelay(redeliveryDelay.toMillis())
                .setRedeliveryMultiplier(2.0)
                .setRedeliveryCollisionAvoidanceFactor(0.2)
                .setMaxRedeliveryDelay(maxRedeliveryDelay.toMillis())
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                // An address nobody declared is a work queue: a multicast address without subscribers
                // would drop what is sent to it.
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST);
    }

    /** Durable anycast queues, each on its own address, with their dead-letter queues declared up front. */
    static void declareWorkQueues(Configuration config, List<String> queues) {
        for (String queue : queues) {
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfig(QueueConfiguration.of(queue).setAddress(queue)
                            .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
        config.addAddressConfiguration(deadLetterQueues(queues));
    }

    /**
     * {@code DLQ.<queue>} on the dead-letter address for each work queue, declared up front (as the broker
     * would auto-create them): a consumer that attaches to {@code DLQ.<queue>} before anything was
     * dead-lettered must find the real queue, not auto-create an unrelated address of that name, which
     * would leave the dead-letter address without a binding and drop what is sent there.
     */
    private static CoreAddressConfiguration deadLetterQueues(List<String> queues) {
        // Anycast, as consumers attach to a DLQ like to any work queue; each filter matches one origin only.
        CoreAddressConfiguration dla = new CoreAddressConfiguration().setName(DEAD_LETTER_ADDRESS)
                .addRoutingType(RoutingType.ANYCAST);
        for (String queue : queues) {
            dla.addQueueConfig(QueueConfiguration.of(DEAD_LETTER_QUEUE_PREFIX + queue).setAddress(DEAD_LETTER_ADDRESS)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true)
                    .setFilterString("_AMQ_ORIG_ADDRESS = '" + queue + "'"));
        }
        return dla;
    }

    public BrokerSettings settings() {
        return settings;
    }

    public String amqpHost() {
        return settings.host();
    }

    public int amqpPort() {
        return settings.amqpPort();
    }

    /** The core-protocol URL, for JMS clients (quarkus-artemis-jms). */
    public String coreUrl() {
        return "tcp://" + settings.host() + ":" + settings.corePort();
    }

    /** Number of messages waiting in a queue, or -1 when the queue does not exist. */
    public long messageCount(String queue) {
        var binding = server.getActiveMQServer().locateQueue(queue);
        return binding == null ? -1 : binding.getMessageCount();
    }

    /** What an operator wants to see of a queue. */
    public record QueueStats(String address, String queue, long messages, int consumers) {
    }

    /** Every non-internal queue with its depth and consumers, sorted by address and queue. */
    public List<QueueStats> queues() {
        return server.getActiveMQServer().getPostOffice().getAllBindings()
                .filter(LocalQueueBinding.class::isInstance)
                .map(binding -> ((LocalQueueBinding) binding).getQueue())
                .filter(queue -> !queue.isInternalQueue())
                .map(queue -> new QueueStats(queue.getAddress().toString(), queue.getName().toString(),
                        queue.getMessageCount(), queue.getConsumerCount()))
                .sorted(Comparator.comparing(QueueStats::address).thenComparing(QueueStats::queue))
                .toList();
    }

    /**
     * Adds an interceptor of every incoming packet or AMQP message (tests: e.g. break a producer's connection at a
     * chosen message); removed with {@link #removeIncomingInterceptor}.
     */
    public void addIncomingInterceptor(BaseInterceptor<?> interceptor) {
        server.getActiveMQServer().getRemotingService().addIncomingInterceptor(interceptor);
    }

    public void removeIncomingInterceptor(BaseInterceptor<?> interceptor) {
        server.getActiveMQServer().getRemotingService().removeIncomingInterceptor(interceptor);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
