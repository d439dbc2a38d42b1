package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.support.tracing.MessageSpans;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The last hop of a forsendelse's trace: a return document arriving on {@code eindkomst.retur} with the
 * forwarder's {@code traceparent} is handled (the return file written, the notification queued) in a span of
 * that trace. Tracing is switched on for this test only (its profile), as a deployment with a collector would.
 */
@QuarkusTest
@TestProfile(ReceiptTracingTest.Tracing.class)
@QuarkusTestResource(ReceiptTestResource.class)
class ReceiptTracingTest {

    /** Tracing on; spans go to the test tree's InMemorySpanExporter. */
    public static class Tracing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void a_return_document_is_handled_in_the_forsendelses_trace() throws Exception {
        String id = Samples.id('A');
        String traceId = hex(16);
        String forwarderSpanId = hex(8);
        Map<String, String> properties = new HashMap<>();
        properties.put(MessageProperties.FORSENDELSE_TYPE, "SUMKVITTERING");
        properties.put(MessageProperties.HOVED_INDBERETNING_ID, id);
        properties.put(MessageProperties.SE_NUMMER, "29800014");
        properties.put(MessageProperties.SYSTEM, "KY");
        properties.put(MessageProperties.SKAT_MESSAGE_ID, "skat-" + UUID.randomUUID());
        properties.put(MessageProperties.DUPLICATE_ID, UUID.randomUUID().toString());
        properties.put("traceparent", "00-" + traceId + "-" + forwarderSpanId + "-01");

        try (AmqpTestClient amqp = new AmqpTestClient()) {
            amqp.send("eindkomst.retur", Samples.sumkvittering(id, "KOMBIT_KY", "31500028"), properties);
        }

        SpanData handled = await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("eindkomst.retur process") && s.getTraceId().equals(traceId))
                .findFirst().orElse(null), s -> s != null);
        assertThat(handled.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(handled.getAttributes().asMap().entrySet()).anySatisfy(e -> {
            assertThat(e.getKey().getKey()).isEqualTo(MessageSpans.HOVED_INDBERETNING_ID);
            assertThat(e.getValue()).isEqualTo(id);
        });
        List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .toList();
        SpanData receive = trace.stream().filter(s -> s.getSpanId().equals(handled.getParentSpanId()))
                .findFirst().orElseThrow();
        assertThat(receive.getParentSpanId()).as("the connector's receive span continues the forwarder's")
                .isEqualTo(forwarderSpanId);

        // The notification, sent later by the dispatcher, continues the trace under the span that wrote the file.
        SpanData notify = await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("case-system notify") && s.getTraceId().equals(traceId))
                .findFirst().orElse(null), s -> s != null);
        assertThat(notify.getParentSpanId()).isEqualTo(handled.getSpanId());
        assertThat(notify.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.CLIENT);
        assertThat(notify.getAttributes().asMap()).anySatisfy((key, value) -> {
            assertThat(key.getKey()).isEqualTo("outcome");
            assertThat(value).isEqualTo("delivered");
        });
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
