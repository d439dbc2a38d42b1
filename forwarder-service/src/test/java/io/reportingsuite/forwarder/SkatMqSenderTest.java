package io.reportingsuite.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.forwarder.messaging.SkatMqSender;
import io.reportingsuite.simulator.engine.SkatSimulator;
import io.vertx.amqp.AmqpMessage;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EP_SK1's sender driven directly (an injected bean, so in-process only; {@link ForwarderFlowTest} is the
 * network-only flow): an exact resend carries the same duplicate id and SKAT's MQ drops it.
 */
@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class SkatMqSenderTest {

    @Inject
    SkatMqSender sender;

    private SkatSimulator skat;
    private SuiteBus bus;

    @BeforeEach
    void connect() throws Exception {
        skat = SkatSide.simulator();
        bus = new SuiteBus();
    }

    @AfterEach
    void disconnect() throws Exception {
        bus.close();
    }

    @Test
    void an_exact_resend_to_skat_is_dropped_by_skat_mq_duplicate_detection() throws Exception {
        String id = Forsendelser.newId();
        Map<String, String> properties = Map.of(MessageProperties.HOVED_INDBERETNING_ID, id,
                MessageProperties.DUPLICATE_ID, "EP_SK1-test-" + id);
        sender.send(Forsendelser.valid(id), properties);
        sender.send(Forsendelser.valid(id), properties);

        await().atMost(Duration.ofSeconds(20)).until(() -> skat.received().stream()
                .anyMatch(r -> r.hovedIndberetningId().equals(id)));
        BlockingQueue<AmqpMessage> retur = bus.retur(id);
        assertThat(retur.poll(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(retur.poll(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(retur.poll(2, TimeUnit.SECONDS)).as("no third document: SKAT saw it once").isNull();
        assertThat(skat.received().stream().filter(r -> r.hovedIndberetningId().equals(id))).hasSize(1);
    }

    /**
     * Concurrent sends (the forwarder's workers share the sender's session pool): a duplicate among them is
     * answered as one without spoiling the others, every other message is sent, and SKAT receives each once.
     */
    @Test
    void concurrent_sends_with_a_duplicate_among_them_reach_skat_once_each() throws Exception {
        String again = Forsendelser.newId();
        Map<String, String> againProperties = Map.of(MessageProperties.HOVED_INDBERETNING_ID, again,
                MessageProperties.DUPLICATE_ID, "EP_SK1-test-" + again);
        assertThat(sender.send(Forsendelser.valid(again), againProperties).duplicate()).isFalse();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(Forsendelser.newId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(ids.size() + 1);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<SkatMqSender.Sent>> fresh = new ArrayList<>();
            for (String id : ids) {
                fresh.add(pool.submit(() -> {
                    go.await();
                    return sender.send(Forsendelser.valid(id), Map.of(MessageProperties.HOVED_INDBERETNING_ID, id,
                            MessageProperties.DUPLICATE_ID, "EP_SK1-test-" + id));
                }));
            }
            Future<SkatMqSender.Sent> duplicate = pool.submit(() -> {
                go.await();
                return sender.send(Forsendelser.valid(again), againProperties);
            });
            go.countDown();
            for (Future<SkatMqSender.Sent> f : fresh) {
                assertThat(f.get(60, TimeUnit.SECONDS).duplicate()).isFalse();
            }
            assertThat(duplicate.get(60, TimeUnit.SECONDS).duplicate()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> skat.received().stream()
                .filter(r -> ids.contains(r.hovedIndberetningId())).count() >= ids.size());
        for (String id : ids) {
            assertThat(skat.received().stream().filter(r -> r.hovedIndberetningId().equals(id))).hasSize(1);
        }
        assertThat(skat.received().stream().filter(r -> r.hovedIndberetningId().equals(again))).hasSize(1);
    }
}
