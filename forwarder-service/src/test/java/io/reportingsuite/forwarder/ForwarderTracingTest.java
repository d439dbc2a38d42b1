package io.reportingsuite.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.simulator.engine.SkatSimulator;
import io.reportingsuite.support.tracing.MessageSpans;
import io.vertx.amqp.AmqpMessage;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One trace across the process boundaries the forwarder sits between: a forsendelse arriving on
 * {@code eindkomst.forsendelser} with a W3C {@code traceparent} (as ingest-service's AMQP connector puts it)
 * is sent to EP_SK1 in a span of that trace; the trace context travels in EP_SK1's JMS properties to SKAT
 * (the simulator's engine), comes back on EP_SK2/EP_SK3, and the return documents leave on
 * {@code eindkomst.retur} still carrying it, for receipt-service.
 */
@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class ForwarderTracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    OpenTelemetry openTelemetry;

    private SkatSimulator skat;
    private SuiteBus bus;

    @BeforeEach
    void connect() throws Exception {
        skat = SkatSide.simulator();
        // SKAT's side records its spans here too, so the whole tree is visible in one exporter.
        skat.tracing(openTelemetry);
        bus = new SuiteBus();
        spans.reset();
    }

    @AfterEach
    void disconnect() throws Exception {
        skat.tracing(OpenTelemetry.noop());
        bus.close();
    }

    @Test
    void one_trace_from_eindkomst_forsendelser_through_skat_to_eindkomst_retur() throws Exception {
        String id = Forsendelser.newId();
        String traceId = hex(16);
        String ingestSpanId = hex(8);
        Map<String, Object> properties = new HashMap<>(Forsendelser.properties(id));
        properties.put("traceparent", "00-" + traceId + "-" + ingestSpanId + "-01");
        BlockingQueue<AmqpMessage> retur = bus.retur(id);

        bus.send(Forsendelser.valid(id), properties);

        for (int i = 0; i < 2; i++) {
            AmqpMessage m = retur.poll(20, TimeUnit.SECONDS);
            assertThat(m).as("return document %d", i + 1).isNotNull();
            assertThat(m.applicationProperties().getString("traceparent")).as("traceparent on eindkomst.retur")
                    .startsWith("00-" + traceId + "-");
        }
        Map<String, SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(() -> trace(traceId),
                t -> count(t, "EP_SK3 process") == 2 && count(t, "EP_SK2 process") == 1);

        SpanData forwarder = one(trace, "EP_SK1 publish");
        assertThat(forwarder.getAttributes().asMap().entrySet())
                .anySatisfy(e -> {
                    assertThat(e.getKey().getKey()).isEqualTo(MessageSpans.HOVED_INDBERETNING_ID);
                    assertThat(e.getValue()).isEqualTo(id);
                });
        assertThat(root(trace, forwarder)).as("the forwarder's span descends from the sender's")
                .isEqualTo(ingestSpanId);
        SpanData simulator = one(trace, "EP_SK1 process");
        assertThat(ancestors(trace, simulator)).as("SKAT's span descends from the EP_SK1 send")
                .contains(forwarder.getSpanId());
        for (SpanData answer : trace.values()) {
            if (answer.getName().equals("EP_SK3 process") || answer.getName().equals("EP_SK2 process")) {
                assertThat(ancestors(trace, answer)).as(answer.getName() + " continues SKAT's span")
                        .contains(simulator.getSpanId());
            }
        }
        assertThat(trace.values()).allSatisfy(span -> assertThat(span.getAttributes().asMap().values())
                .allSatisfy(value -> assertThat(value.toString()).doesNotContain(Forsendelser.CPR)));
    }

    private Map<String, SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    }

    private static long count(Map<String, SpanData> trace, String name) {
        return trace.values().stream().filter(s -> s.getName().equals(name)).count();
    }

    private static SpanData one(Map<String, SpanData> trace, String name) {
        List<SpanData> named = trace.values().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named %s in %s", name, trace.values()).hasSize(1);
        return named.get(0);
    }

    /** The span ids above {@code span}, nearest first, as far as this process recorded them. */
    private static List<String> ancestors(Map<String, SpanData> trace, SpanData span) {
        List<String> up = new java.util.ArrayList<>();
        for (SpanData s = span; s.getParentSpanContext().isValid(); s = trace.get(s.getParentSpanId())) {
            up.add(s.getParentSpanId());
            if (!trace.containsKey(s.getParentSpanId())) {
                break;
            }
        }
        return up;
    }

    /** The first ancestor this process did not record: the remote parent the trace came in with. */
    private static String root(Map<String, SpanData> trace, SpanData span) {
        List<String> up = ancestors(trace, span);
        return up.isEmpty() ? null : up.get(up.size() - 1);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
