package io.reportingsuite.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.PlatformFejl;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.devstack.EmbeddedBroker;
import io.reportingsuite.devstack.SkatBroker;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.Received;
import io.reportingsuite.simulator.engine.SkatSimulator;
import io.vertx.amqp.AmqpMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large forsendelser (EP_FS2 files above ingest's threshold) through the real brokers as Artemis large
 * messages: {@code eindkomst.forsendelser.large} → forwarder (JMS, streamed through a temporary file) → EP_SK1
 * (streamed) → the simulator (streamed to disk, hashed while read). Byte-identical at SKAT exactly once, also
 * when SKAT's MQ is down for a while; a body that is not the one ingest accepted is answered 9004.
 */
@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class LargeForsendelseTest {

    private static final String DLQ = EmbeddedBroker.DEAD_LETTER_QUEUE_PREFIX + Addresses.FORSENDELSER_LARGE;

    private SkatSimulator skat;
    private SkatBroker skatMq;
    private SuiteBus bus;

    @BeforeEach
    void connect() throws Exception {
        skat = SkatSide.simulator();
        skatMq = SharedDevStack.get().skatBroker();
        bus = new SuiteBus();
    }

    @AfterEach
    void restore() throws Exception {
        skatMq.start();
        bus.close();
    }

    @Test
    void a_50_mb_forsendelse_reaches_skat_byte_identical_exactly_once_and_is_answered() throws Exception {
        String id = Forsendelser.newId();
        LargeForsendelser.File file = LargeForsendelser.generate(id, 50_000_000);
        BlockingQueue<TrackingEvent> tracking = bus.tracking();
        BlockingQueue<AmqpMessage> retur = bus.retur(id);
        try {
            LargeForsendelser.send(file.path(), LargeForsendelser.properties(id, file.sha256()));

            Received received = await().atMost(Duration.ofSeconds(120)).until(() -> received(id), r -> r != null);
            assertThat(received.sha256()).isEqualTo(file.sha256());
            assertThat(received.bytes()).isEqualTo(file.size());
            assertThat(received.duplicate()).isFalse();
            assertThat(received.status()).isEqualTo(SkatMq.Status.RECEIVED.name());
            assertThat(until(tracking, id, TrackingStep.SENT_TO_SKAT)).last()
                    .satisfies(e -> assertThat(e.attributes()).containsEntry("attempt", "1"));
            AmqpMessage answer = retur.poll(60, TimeUnit.SECONDS);
            assertThat(answer).as("SKAT's answer on eindkomst.retur").isNotNull();
            assertThat(answer.applicationProperties().getString(MessageProperties.FORSENDELSE_TYPE))
                    .isEqualTo(ForsendelseType.SUMKVITTERING.name());

            awaitDrained();
            assertThat(receivedCount(id)).as("times SKAT received it").isEqualTo(1);
        } finally {
            LargeForsendelser.delete(file);
        }
    }

    @Test
    void skat_mq_down_then_up_still_delivers_it_exactly_once() throws Exception {
        String id = Forsendelser.newId();
        LargeForsendelser.File file = LargeForsendelser.generate(id, 5_000_000);
        BlockingQueue<TrackingEvent> tracking = bus.tracking();
        try {
            skatMq.stop();
            LargeForsendelser.send(file.path(), LargeForsendelser.properties(id, file.sha256()));

            assertThat(until(tracking, id, TrackingStep.QUEUED)).last().satisfies(e -> assertThat(e.attributes())
                    .containsEntry("reason", "SKAT MQ unreachable").containsKey("nextAttemptAt"));
            skatMq.start();

            List<TrackingEvent> rest = until(tracking, id, TrackingStep.SENT_TO_SKAT);
            assertThat(Integer.parseInt(rest.get(rest.size() - 1).attributes().get("attempt"))).isGreaterThan(1);
            Received received = await().atMost(Duration.ofSeconds(60)).until(() -> received(id), r -> r != null);
            assertThat(received.sha256()).isEqualTo(file.sha256());
            awaitDrained();
            assertThat(receivedCount(id)).as("times SKAT received it").isEqualTo(1);
        } finally {
            LargeForsendelser.delete(file);
        }
    }

    @Test
    void a_body_that_is_not_what_ingest_accepted_is_answered_9004_and_dead_lettered() throws Exception {
        String id = Forsendelser.newId();
        LargeForsendelser.File file = LargeForsendelser.generate(id, 2_000_000);
        BlockingQueue<AmqpMessage> retur = bus.retur(id);
        long deadBefore = SharedDevStack.get().broker().messageCount(DLQ);
        try {
            LargeForsendelser.send(file.path(), LargeForsendelser.properties(id, "0".repeat(64)));

            AmqpMessage m = retur.poll(60, TimeUnit.SECONDS);
            assertThat(m).as("platform fejladvisering").isNotNull();
            assertThat(m.applicationProperties().getString(MessageProperties.DUPLICATE_ID))
                    .isEqualTo("PLATFORM-9004-" + id);
            Fejladvisering advice = Fejladvisering.parse(SuiteBus.body(m));
            assertThat(advice.start().status()).isEqualTo('*');
            assertThat(advice.fejl()).singleElement()
                    .satisfies(f -> assertThat(f.fejlnr()).isEqualTo(PlatformFejl.NOT_DECODABLE.fejlnr()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> SharedDevStack.get().broker().messageCount(DLQ) == deadBefore + 1);
            awaitDrained();
            assertThat(receivedCount(id)).as("never sent to SKAT").isZero();
        } finally {
            LargeForsendelser.delete(file);
        }
    }

    private Received received(String id) {
        return skat.received().stream().filter(r -> r.hovedIndberetningId().equals(id)).findFirst().orElse(null);
    }

    private long receivedCount(String id) {
        return skat.received().stream().filter(r -> r.hovedIndberetningId().equals(id)).count();
    }

    /** Nothing left on the way: the large queue and EP_SK1 are empty (a second copy would be there or at SKAT). */
    private void awaitDrained() {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                SharedDevStack.get().broker().messageCount(Addresses.FORSENDELSER_LARGE) == 0
                        && skatMq.messageCount(SkatMq.EP_SK1_DEFAULT) == 0);
    }

    /** This forsendelse's events up to and including the first of {@code step}. */
    private static List<TrackingEvent> until(BlockingQueue<TrackingEvent> events, String id, TrackingStep step)
            throws InterruptedException {
        List<TrackingEvent> mine = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            TrackingEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && id.equals(e.hovedIndberetningId())) {
                mine.add(e);
                if (e.step() == step) {
                    return mine;
                }
            }
        }
        throw new AssertionError("no " + step + " for the forsendelse; saw "
                + mine.stream().map(TrackingEvent::step).toList());
    }
}
