package io.reportingsuite.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.contracts.skattekort.SkattekortReader;
import io.reportingsuite.devstack.EmbeddedBroker;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.DeterministicSkattekort;
import io.reportingsuite.simulator.engine.Received;
import io.reportingsuite.simulator.engine.SkatSimulator;
import io.vertx.amqp.AmqpMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IF01 and IF02 through the real brokers: {@code eindkomst.forsendelser} → forwarder → EP_SK1 → the
 * simulator → EP_SK2/EP_SK3 → forwarder → {@code eindkomst.retur} + EP_SK4, with tracking at every step.
 * Over the network only (no injected bean), so {@link ForwarderFlowIT} runs it against the packaged artifact.
 */
@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class ForwarderFlowTest {

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
    void forsendelse_reaches_skat_byte_identical_and_its_answers_reach_eindkomst_retur() throws Exception {
        String id = Forsendelser.newId();
        byte[] body = Forsendelser.valid(id);
        BlockingQueue<TrackingEvent> tracking = bus.tracking();
        BlockingQueue<AmqpMessage> retur = bus.retur(id);

        bus.send(body, Forsendelser.properties(id));

        Received received = await().atMost(Duration.ofSeconds(20)).until(() -> received(id), r -> r != null);
        assertThat(received.sha256()).isEqualTo(sha256(body));
        assertThat(received.bytes()).isEqualTo(body.length);
        assertThat(received.duplicate()).isFalse();

        Map<String, AmqpMessage> byType = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            AmqpMessage m = retur.poll(20, TimeUnit.SECONDS);
            assertThat(m).as("return document %d", i + 1).isNotNull();
            byType.put(m.applicationProperties().getString(MessageProperties.FORSENDELSE_TYPE), m);
        }
        AmqpMessage sum = byType.get(ForsendelseType.SUMKVITTERING.name());
        assertThat(sum).isNotNull();
        assertThat(sum.isDurable()).isTrue();
        assertThat(sum.applicationProperties().getString(MessageProperties.SE_NUMMER)).isEqualTo(Forsendelser.SE_KY);
        assertThat(sum.applicationProperties().getString(MessageProperties.SYSTEM)).isEqualTo("KY");
        String skatMessageId = sum.applicationProperties().getString(MessageProperties.SKAT_MESSAGE_ID);
        assertThat(skatMessageId).startsWith("ID:");
        assertThat(sum.applicationProperties().getString(MessageProperties.DUPLICATE_ID)).isEqualTo(skatMessageId);
        Sumkvittering kvittering = Sumkvittering.parse(SuiteBus.body(sum));
        assertThat(kvittering.start().hovedIndberetningId()).isEqualTo(id);
        assertThat(kvittering.start().status()).isEqualTo('M');
        assertThat(kvittering.sums()).hasSize(3);

        AmqpMessage kort = byType.get(ForsendelseType.SKATTEKORT.name());
        assertThat(kort).isNotNull();
        assertThat(kort.applicationProperties().getString(MessageProperties.SE_NUMMER))
                .isEqualTo(Forsendelser.SE_KOMMUNE);
        assertThat(new SkattekortReader().read(SuiteBus.body(kort)).forsendelse().skattekort())
                .containsExactly(DeterministicSkattekort.of(Forsendelser.CPR, Forsendelser.SE_KOMMUNE, "1",
                        Forsendelser.JAN, 1));

        List<TrackingEvent> events = collect(tracking, id, 4);
        assertThat(events).extracting(TrackingEvent::step).contains(TrackingStep.SENT_TO_SKAT,
                TrackingStep.SKAT_STATUS, TrackingStep.RETURN_RECEIVED);
        TrackingEvent sent = events.stream().filter(e -> e.step() == TrackingStep.SENT_TO_SKAT).findFirst().orElseThrow();
        TrackingEvent status = events.stream().filter(e -> e.step() == TrackingStep.SKAT_STATUS).findFirst().orElseThrow();
        assertThat(status.attributes()).containsEntry("status", "RECEIVED")
                .containsEntry("skatMessageId", sent.attributes().get("skatMessageId"));
        assertThat(events).allSatisfy(e -> assertThat(e.service()).isEqualTo("forwarder-service"));

        await().atMost(Duration.ofSeconds(10)).until(() -> skat.returnStatuses()
                .getOrDefault(SkatMq.Status.PROCESSED, 0L) >= 2);
    }

    @Test
    void content_errors_come_back_as_fejladvisering() throws Exception {
        String id = Forsendelser.newId();
        String text = new String(Forsendelser.valid(id), StandardCharsets.ISO_8859_1);
        byte[] broken = text.replace("9999000001", "9999000077").getBytes(StandardCharsets.ISO_8859_1);
        BlockingQueue<AmqpMessage> retur = bus.retur(id);

        bus.send(broken, Forsendelser.properties(id));

        List<String> types = new ArrayList<>();
        AmqpMessage advice = null;
        for (int i = 0; i < 2; i++) {
            AmqpMessage m = retur.poll(20, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            types.add(m.applicationProperties().getString(MessageProperties.FORSENDELSE_TYPE));
            if (ForsendelseType.FEJLADVISERING.name().equals(types.get(i))) {
                advice = m;
            }
        }
        assertThat(types).containsExactlyInAnyOrder(ForsendelseType.FEJLADVISERING.name(),
                ForsendelseType.SUMKVITTERING.name());
        assertThat(Fejladvisering.parse(SuiteBus.body(advice)).start().status()).isEqualTo('A');
    }

    @Test
    void unsolicited_skattekort_reaches_eindkomst_retur_without_hoved_indberetning_id() throws Exception {
        String abonnent = "31500044";
        BlockingQueue<AmqpMessage> retur = bus.receive(io.reportingsuite.contracts.messaging.Addresses.RETUR,
                MessageProperties.HOVED_INDBERETNING_ID + " IS NULL AND " + MessageProperties.SE_NUMMER + " = '"
                        + abonnent + "'");

        skat.sendSkattekortChange(Forsendelser.CPR, abonnent);

        AmqpMessage m = retur.poll(20, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.applicationProperties().getString(MessageProperties.FORSENDELSE_TYPE))
                .isEqualTo(ForsendelseType.SKATTEKORT.name());
        assertThat(m.applicationProperties().containsKey(MessageProperties.SYSTEM)).isFalse();
        assertThat(new SkattekortReader().read(SuiteBus.body(m)).forsendelse().skattekort()).hasSize(1);
    }

    @Test
    void a_message_without_hoved_indberetning_id_ends_in_the_dead_letter_queue() throws Exception {
        String marker = "poison-" + System.nanoTime();
        BlockingQueue<AmqpMessage> dead = bus.receive(EmbeddedBroker.DEAD_LETTER_QUEUE_PREFIX
                + io.reportingsuite.contracts.messaging.Addresses.FORSENDELSER, "Marker = '" + marker + "'");

        bus.send("no header".getBytes(StandardCharsets.ISO_8859_1), Map.of("Marker", marker));

        assertThat(dead.poll(30, TimeUnit.SECONDS)).as("dead-lettered").isNotNull();
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("forwarder_poison_messages_total(\\{[^}]*\\})? [1-9]");
    }

    private Received received(String id) {
        return skat.received().stream().filter(r -> r.hovedIndberetningId().equals(id)).findFirst().orElse(null);
    }

    static List<TrackingEvent> collect(BlockingQueue<TrackingEvent> events, String id, int count)
            throws InterruptedException {
        List<TrackingEvent> mine = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (mine.size() < count && System.nanoTime() < deadline) {
            TrackingEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && id.equals(e.hovedIndberetningId())) {
                mine.add(e);
            }
        }
        return mine;
    }

    static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
