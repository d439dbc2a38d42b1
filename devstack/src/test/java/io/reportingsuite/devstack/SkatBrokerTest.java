package io.reportingsuite.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.devstack.test.DevStackExtension;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** "SKAT's MQ": its own broker and port, SKAT's queues declared, persistent across a stop and a start. */
@ExtendWith(DevStackExtension.class)
class SkatBrokerTest {

    @Test
    void skatsQueuesAreDeclaredAndQuarkusConfigPointsAtThem(DevStack stack) {
        SkatBroker skat = stack.skatBroker();
        for (String queue : SkatBrokerSettings.DEFAULT_QUEUES) {
            assertThat(skat.messageCount(queue)).as(queue).isGreaterThanOrEqualTo(0);
        }
        assertThat(skat.url()).isNotEqualTo(stack.broker().coreUrl());
        assertThat(stack.quarkusConfig(null)).containsEntry("quarkus.artemis.\"skat\".url", skat.url());
    }

    @Test
    void aStoppedSkatBrokerIsUnreachableAndKeepsItsMessages(DevStack stack) throws Exception {
        SkatBroker skat = stack.skatBroker();
        String queue = SkatMq.EP_SK2_DEFAULT;
        long before = skat.messageCount(queue);
        try (ServerLocator locator = ActiveMQClient.createServerLocator(skat.url());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            ClientMessage message = session.createMessage(true);
            message.putStringProperty("Probe", "devstack");
            session.createProducer(queue).send(message);
        }
        assertThat(skat.messageCount(queue)).isEqualTo(before + 1);

        skat.stop();
        try {
            assertThat(skat.isRunning()).isFalse();
            assertThat(skat.messageCount(queue)).isEqualTo(-1);
        } finally {
            skat.start();
        }
        assertThat(skat.messageCount(queue)).isEqualTo(before + 1);

        try (ServerLocator locator = ActiveMQClient.createServerLocator(skat.url());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            session.start();
            var consumer = session.createConsumer(queue, "Probe = 'devstack'");
            ClientMessage received = consumer.receive(5_000);
            assertThat(received).isNotNull();
            received.acknowledge();
        }
    }
}
