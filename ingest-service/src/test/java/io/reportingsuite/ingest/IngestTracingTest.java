package io.reportingsuite.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first hop of a forsendelse's trace: a submission by REST or SOAP whose caller sent a W3C
 * {@code traceparent} is published on {@code eindkomst.forsendelser} with a {@code traceparent} of the same
 * trace, from a span that descends from the caller's; no span attribute holds the CPR numbers or the payload.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class IngestTracingTest {

    /** Person_CPR-nr of record 2101 in samples/eindkomst/ky-valid.txt. */
    private static final String CPR = "0102311234";

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        spans.reset();
    }

    @Test
    void a_rest_submission_is_published_on_eindkomst_forsendelser_in_the_callers_trace() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        String traceId = hex(16);
        String callerSpanId = hex(8);

        given().auth().preemptive().basic("ky", "ky-secret").header("traceparent", traceparent(traceId, callerSpanId))
                .contentType(ContentType.JSON)
                .body(Map.of("hovedIndberetningId", id, "indberetning", Base64.getEncoder().encodeToString(file)))
                .post("/api/v1/indberetninger").then().statusCode(202);

        assertPublishedInTrace(id, traceId, callerSpanId, file);
    }

    @Test
    void a_soap_submission_is_published_on_eindkomst_forsendelser_in_the_callers_trace() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        String traceId = hex(16);
        String callerSpanId = hex(8);

        given().auth().preemptive().basic("ky", "ky-secret").contentType(Soap.CONTENT_TYPE)
                .header("traceparent", traceparent(traceId, callerSpanId)).body(Soap.request(id, file))
                .post(Soap.PATH).then().statusCode(200);

        assertPublishedInTrace(id, traceId, callerSpanId, file);
    }

    private void assertPublishedInTrace(String id, String traceId, String callerSpanId, byte[] file) throws Exception {
        List<ForsendelseQueue.Received> messages = ForsendelseQueue.take(id, 2000);
        assertThat(messages).hasSize(1);
        Object sent = messages.get(0).properties().get("traceparent");
        assertThat(sent).as("traceparent on eindkomst.forsendelser").isNotNull();
        assertThat(sent.toString()).startsWith("00-" + traceId + "-");
        String publishSpanId = sent.toString().substring(36, 52);

        List<SpanData> trace = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems()
                .stream().filter(s -> s.getTraceId().equals(traceId)).toList(),
                t -> t.stream().anyMatch(s -> s.getSpanId().equals(publishSpanId))
                        && t.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
        SpanData publish = trace.stream().filter(s -> s.getSpanId().equals(publishSpanId)).findFirst().orElseThrow();
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).as("the HTTP span continues the caller's").isEqualTo(callerSpanId);

        assertThat(new String(file, StandardCharsets.ISO_8859_1)).contains(CPR);
        assertThat(trace).allSatisfy(span -> assertThat(span.getAttributes().asMap().values())
                .allSatisfy(value -> {
                    assertThat(value.toString()).doesNotContain(CPR);
                    assertThat(value.toString()).doesNotContain(Base64.getEncoder().encodeToString(file));
                }));
    }

    private static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
