package io.reportingsuite.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.messaging.Addresses;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.PlatformFejl;
import io.reportingsuite.devstack.EmbeddedBroker;
import io.restassured.RestAssured;
import io.vertx.amqp.AmqpMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every failure before SKAT other than an unreachable MQ (SPEC §4.2, seed p.21 "Asynkron fejlbesked"): the
 * case system gets the platform fejladvisering (status {@code *}, fejlnr 9002 or 9004) on
 * {@code eindkomst.retur} exactly once, and the forsendelse itself lands in
 * {@code DLQ.eindkomst.forsendelser} for an operator. SKAT's MQ here is {@link RefusingSkatMq}: reachable,
 * but it refuses the platform's sends (no permission), so a forsendelse that is fine fails at EP_SK1.
 */
@QuarkusTest
@TestProfile(PlatformFejladviseringTest.SkatRefuses.class)
class PlatformFejladviseringTest {

    /** The suite's broker from devstack, SKAT's MQ from {@link RefusingSkatMq} (instead of devstack's). */
    public static class SkatRefuses implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("forwarder.poison-attempts", "3");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RefusingSkatMq.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private SuiteBus bus;

    @BeforeEach
    void connect() throws Exception {
        bus = new SuiteBus();
    }

    @AfterEach
    void disconnect() throws Exception {
        bus.close();
    }

    @Test
    void a_body_that_is_no_forsendelse_is_answered_9004_once_and_dead_lettered() throws Exception {
        String id = Forsendelser.newId();
        Outcome outcome = expect(id);

        bus.send("Dette er ikke en indberetning".getBytes(StandardCharsets.ISO_8859_1), Forsendelser.properties(id));

        Fejladvisering advice = outcome.answeredOnce(PlatformFejl.NOT_DECODABLE);
        assertThat(advice.start().datoSendt()).as("no record 1000 to echo").isEmpty();
        outcome.deadLettered();
    }

    @Test
    void a_body_other_than_the_one_ingest_accepted_is_answered_9004() throws Exception {
        String id = Forsendelser.newId();
        Outcome outcome = expect(id);
        Map<String, Object> properties = new HashMap<>(Forsendelser.properties(id));
        properties.put(MessageProperties.CONTENT_SHA256, "0".repeat(64));

        bus.send(Forsendelser.valid(id), properties);

        outcome.answeredOnce(PlatformFejl.NOT_DECODABLE);
        outcome.deadLettered();
    }

    @Test
    void a_message_that_keeps_failing_is_answered_9002_on_its_last_delivery_and_dead_lettered() throws Exception {
        String id = Forsendelser.newId();
        Outcome outcome = expect(id);
        Map<String, Object> properties = new HashMap<>(Forsendelser.properties(id));
        // corrupt forwarder metadata: reading it fails on every delivery
        properties.put("ForwarderAttempt", "not a number");

        bus.send(Forsendelser.valid(id), properties);

        Fejladvisering advice = outcome.answeredOnce(PlatformFejl.INTERNAL_ERROR);
        assertThat(advice.start().datoSendt()).as("echoed from record 1000").isEqualTo("20250201");
        outcome.deadLettered();
    }

    @Test
    void a_send_skat_mq_refuses_is_answered_9002_at_once_not_retried() throws Exception {
        String id = Forsendelser.newId();
        Outcome outcome = expect(id);

        bus.send(Forsendelser.valid(id), Forsendelser.properties(id));

        outcome.answeredOnce(PlatformFejl.INTERNAL_ERROR);
        outcome.deadLettered();
        assertThat(outcome.seen()).extracting(TrackingEvent::step)
                .doesNotContain(TrackingStep.QUEUED, TrackingStep.SENT_TO_SKAT);
    }

    @Test
    void without_a_hoved_indberetning_id_there_is_nobody_to_answer_only_the_dead_letter_queue() throws Exception {
        String marker = "nobody-" + System.nanoTime();
        BlockingQueue<AmqpMessage> dead = bus.receive(EmbeddedBroker.DEAD_LETTER_QUEUE_PREFIX + Addresses.FORSENDELSER,
                "Marker = '" + marker + "'");
        BlockingQueue<AmqpMessage> retur = bus.receive(Addresses.RETUR, MessageProperties.HOVED_INDBERETNING_ID
                + " IS NULL AND " + MessageProperties.FORSENDELSE_TYPE + " = 'FEJLADVISERING'");

        bus.send(Forsendelser.valid(Forsendelser.newId()), Map.of("Marker", marker));

        assertThat(dead.poll(30, TimeUnit.SECONDS)).as("dead-lettered").isNotNull();
        assertThat(retur.poll(2, TimeUnit.SECONDS)).as("no answer without an addressee").isNull();
    }

    /** What the test watches for one forsendelse, attached before it is sent. */
    private Outcome expect(String id) throws Exception {
        return new Outcome(id, bus.retur(id), bus.receive(EmbeddedBroker.DEAD_LETTER_QUEUE_PREFIX
                + Addresses.FORSENDELSER, MessageProperties.HOVED_INDBERETNING_ID + " = '" + id + "'"), bus.tracking(),
                new ArrayList<>());
    }

    private record Outcome(String id, BlockingQueue<AmqpMessage> retur, BlockingQueue<AmqpMessage> dead,
                           BlockingQueue<TrackingEvent> events, List<TrackingEvent> seen) {

        /** The platform fejladvisering with {@code fejl} reached eindkomst.retur, and nothing after it. */
        Fejladvisering answeredOnce(PlatformFejl fejl) throws Exception {
            AmqpMessage m = retur.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("platform fejladvisering %d", fejl.fejlnr()).isNotNull();
            assertThat(m.isDurable()).isTrue();
            assertThat(m.applicationProperties().getString(MessageProperties.FORSENDELSE_TYPE))
                    .isEqualTo(ForsendelseType.FEJLADVISERING.name());
            assertThat(m.applicationProperties().getString(MessageProperties.DUPLICATE_ID))
                    .isEqualTo("PLATFORM-" + fejl.fejlnr() + "-" + id);
            assertThat(m.applicationProperties().getString(MessageProperties.SYSTEM)).isEqualTo("KY");
            assertThat(m.applicationProperties().getString(MessageProperties.SE_NUMMER)).isEqualTo(Forsendelser.SE_KY);
            Fejladvisering advice = Fejladvisering.parse(SuiteBus.body(m));
            assertThat(advice.start().status()).isEqualTo('*');
            assertThat(advice.start().hovedIndberetningId()).isEqualTo(id);
            assertThat(advice.fejl()).singleElement().satisfies(f -> assertThat(f.fejlnr()).isEqualTo(fejl.fejlnr()));
            assertThat(retur.poll(2, TimeUnit.SECONDS)).as("answered once").isNull();
            assertThat(metric("forwarder_platform_fejladvisering_total", "fejlnr=\"" + fejl.fejlnr() + "\""))
                    .isGreaterThanOrEqualTo(1);
            List<TrackingEvent> mine = awaitFailed();
            assertThat(mine).extracting(TrackingEvent::step).contains(TrackingStep.FAILED);
            assertThat(mine.stream().filter(e -> e.step() == TrackingStep.FAILED).findFirst().orElseThrow()
                    .attributes()).containsEntry("fejlnr", Integer.toString(fejl.fejlnr()));
            return advice;
        }

        void deadLettered() throws Exception {
            AmqpMessage copy = dead.poll(30, TimeUnit.SECONDS);
            assertThat(copy).as("copy in DLQ.eindkomst.forsendelser").isNotNull();
            assertThat(copy.applicationProperties().getString(MessageProperties.HOVED_INDBERETNING_ID)).isEqualTo(id);
            assertThat(metric("forwarder_poison_messages_total", null)).isGreaterThanOrEqualTo(1);
        }

        /** This forsendelse's tracking events up to its FAILED. */
        List<TrackingEvent> awaitFailed() {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                TrackingEvent e;
                while ((e = events.poll()) != null) {
                    if (id.equals(e.hovedIndberetningId())) {
                        seen.add(e);
                    }
                }
                return seen.stream().anyMatch(x -> x.step() == TrackingStep.FAILED);
            });
            return seen;
        }
    }

    /** A counter's value on /q/metrics (the sum over series that contain {@code label}, or all). */
    static double metric(String name, String label) {
        String text = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        // with tracing on, a series may end in an OpenMetrics exemplar: " # {span_id=..,trace_id=..} 1.0 <time>"
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)(?: # .*)?$").matcher(text);
        double sum = 0;
        while (m.find()) {
            if (label == null || (m.group(1) != null && m.group(1).contains(label))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
