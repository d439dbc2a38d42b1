package io.reportingsuite.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.PlatformFejl;
import io.reportingsuite.devstack.SkatBroker;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.SkatSimulator;
import io.vertx.amqp.AmqpMessage;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SKAT's MQ unreachable (devstack's SKAT broker stopped): forsendelser wait in the suite's broker and are
 * delivered when it is back; past the retry window (4 h, as in production) the platform's own fejladvisering
 * 9001 reaches {@code eindkomst.retur} (SPEC §2.3 error 1, §4.2). The window passes on the injected
 * {@link TestClock}, not in real time.
 */
@QuarkusTest
@TestProfile(RetryWindowTest.ShortWindow.class)
@QuarkusTestResource(DevStackTestResource.class)
class RetryWindowTest {

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("forwarder.mq-retry-window", "4h",
                    "forwarder.retry.initial-delay", "300ms",
                    "forwarder.retry.max-delay", "1s");
        }
    }

    @Inject
    TestClock clock;

    @Inject
    MeterRegistry metrics;

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
        clock.reset();
        skatMq.start();
        bus.close();
    }

    @Test
    void forsendelser_wait_while_skat_is_unreachable_and_are_delivered_when_it_is_back() throws Exception {
        String id = Forsendelser.newId();
        BlockingQueue<TrackingEvent> tracking = bus.tracking();
        long answers = metrics.get("forwarder.skat.answer").timer().count();
        skatMq.stop();

        bus.send(Forsendelser.valid(id), Forsendelser.properties(id));

        List<TrackingEvent> queued = until(tracking, id, TrackingStep.QUEUED);
        assertThat(queued).last().satisfies(e -> assertThat(e.attributes())
                .containsEntry("reason", "SKAT MQ unreachable").containsKey("nextAttemptAt"));
        skatMq.start();

        List<TrackingEvent> rest = until(tracking, id, TrackingStep.SENT_TO_SKAT);
        TrackingEvent sent = rest.get(rest.size() - 1);
        assertThat(Integer.parseInt(sent.attributes().get("attempt"))).isGreaterThan(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> skat.received().stream()
                .anyMatch(r -> r.hovedIndberetningId().equals(id)));
        assertThat(skat.received().stream().filter(r -> r.hovedIndberetningId().equals(id))).hasSize(1);
        // Sent: out of the retry window; SKAT's answer (EP_SK3) is timed from the send.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(gauge("forwarder.retry.window.forsendelser")).isZero();
            assertThat(metrics.get("forwarder.skat.answer").timer().count()).isGreaterThan(answers);
        });
    }

    @Test
    void a_burst_while_skat_is_unreachable_is_requeued_without_a_connection_attempt_each() throws Exception {
        BlockingQueue<TrackingEvent> tracking = bus.tracking();
        skatMq.stop();
        double refusedFast = breakerCalls("circuitBreakerOpen");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = Forsendelser.newId();
            ids.add(id);
            bus.send(Forsendelser.valid(id), Forsendelser.properties(id));
        }
        untilEach(tracking, ids, TrackingStep.QUEUED);
        // Some of the twelve first attempts were answered by the open circuit breaker, without a connect.
        assertThat(breakerCalls("circuitBreakerOpen") - refusedFast)
                .as("sends refused at once by the open breaker (meters: %s)", metrics.getMeters().stream()
                        .map(m -> m.getId().getName()).filter(n -> n.startsWith("ft.")).distinct().toList())
                .isGreaterThanOrEqualTo(1);
        skatMq.start();
        untilEach(tracking, ids, TrackingStep.SENT_TO_SKAT);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> skat.received().stream()
                .filter(r -> r.hovedIndberetningId().equals(id)).count() == 1));
    }

    /** Waits until each of {@code ids} has reported {@code step} (events of other ids are dropped). */
    private static void untilEach(BlockingQueue<TrackingEvent> events, List<String> ids, TrackingStep step)
            throws InterruptedException {
        java.util.Set<String> waiting = new java.util.HashSet<>(ids);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            TrackingEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.step() == step) {
                waiting.remove(e.hovedIndberetningId());
            }
        }
        assertThat(waiting).as("forsendelser without %s", step).isEmpty();
    }

    private double breakerCalls(String result) {
        return metrics.find("ft.circuitbreaker.calls.total").tag("circuitBreakerResult", result).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void past_the_window_the_platform_fejladvisering_reaches_eindkomst_retur() throws Exception {
        String id = Forsendelser.newId();
        BlockingQueue<TrackingEvent> tracking = bus.tracking();
        BlockingQueue<AmqpMessage> retur = bus.retur(id);
        skatMq.stop();

        bus.send(Forsendelser.valid(id), Forsendelser.properties(id));
        until(tracking, id, TrackingStep.QUEUED);
        assertThat(retur.poll(1, TimeUnit.SECONDS)).as("still inside the window").isNull();
        // In the window: the gauges show it (ForwarderMetricsTest moves the clock through a window).
        assertThat(gauge("forwarder.retry.window.limit.seconds")).isEqualTo(4 * 3600);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(gauge("forwarder.retry.window.forsendelser")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("forwarder.retry.window.oldest.seconds")).isBetween(0.0, 120.0);
        });
        clock.advance(Duration.ofHours(4).plusMinutes(1));

        AmqpMessage m = retur.poll(30, TimeUnit.SECONDS);
        assertThat(m).as("platform fejladvisering").isNotNull();
        assertThat(m.isDurable()).isTrue();
        assertThat(m.applicationProperties().getString(MessageProperties.FORSENDELSE_TYPE))
                .isEqualTo(ForsendelseType.FEJLADVISERING.name());
        assertThat(m.applicationProperties().getString(MessageProperties.DUPLICATE_ID))
                .isEqualTo("PLATFORM-9001-" + id);
        assertThat(m.applicationProperties().getString(MessageProperties.SYSTEM)).isEqualTo("KY");
        assertThat(m.applicationProperties().getString(MessageProperties.SE_NUMMER)).isEqualTo(Forsendelser.SE_KY);
        assertThat(m.applicationProperties().containsKey(MessageProperties.SKAT_MESSAGE_ID)).isFalse();
        Fejladvisering advice = Fejladvisering.parse(SuiteBus.body(m));
        assertThat(advice.start().status()).isEqualTo('*');
        assertThat(advice.start().hovedIndberetningId()).isEqualTo(id);
        assertThat(advice.start().datoSendt()).isEqualTo("20250201");
        assertThat(advice.fejl()).singleElement()
                .satisfies(f -> assertThat(f.fejlnr()).isEqualTo(PlatformFejl.MQ_UNAVAILABLE.fejlnr()));

        List<TrackingEvent> events = until(tracking, id, TrackingStep.FAILED);
        assertThat(events.get(events.size() - 1).attributes()).containsEntry("fejlnr", "9001");
        assertThat(events).extracting(TrackingEvent::step).doesNotContain(TrackingStep.SENT_TO_SKAT);
        // Given up: out of the window.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gauge("forwarder.retry.window.forsendelser")).isZero());
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
    }

    /** This forsendelse's events up to and including the first of {@code step}. */
    private static List<TrackingEvent> until(BlockingQueue<TrackingEvent> events, String id, TrackingStep step)
            throws InterruptedException {
        List<TrackingEvent> mine = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            TrackingEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && id.equals(e.hovedIndberetningId())) {
                mine.add(e);
                if (e.step() == step) {
                    return mine;
                }
            }
        }
        throw new AssertionError("no " + step + " for the forsendelse; saw " + mine.stream().map(TrackingEvent::step).toList());
    }
}
