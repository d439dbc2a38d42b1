package io.reportingsuite.suite;

import static io.reportingsuite.suite.CaseSystem.KY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reportingsuite.suite.OtlpReceiver.ReceivedSpan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's trace, over the packaged services with OTLP export on (the harness gives every service
 * {@code quarkus.otel.*} pointing at {@link OtlpReceiver}): one forsendelse submitted by SOAP EP_FS1 is one
 * trace, from ingest's HTTP server span through {@code eindkomst.forsendelser}, the forwarder, EP_SK1 (the W3C
 * context in the JMS properties, read back by the simulator, whose EP_SK3 answer continues it), the
 * forwarder again, {@code eindkomst.retur}, receipt writing the return file, and receipt's case-system
 * notification (its parent kept in the delivery log). Every span's parent is in the trace; and no span
 * attribute of any service holds the sample's CPR numbers or a piece of the payload.
 */
@ExtendWith(RunningSuite.class)
class SuiteTraceIT {

    /** The Person_CPR-nr values of samples/eindkomst/ky-valid.txt (records 2101 and 6000). */
    private static final List<String> CPR = List.of("0102311234", "1503421235");
    private static final String ID_ATTRIBUTE = "eindkomst.hoved_indberetning_id";

    @Test
    void one_trace_follows_a_soap_forsendelse_from_ingest_through_forwarder_and_simulator_to_receipts_notification(
            Suite suite) throws Exception {
        SuiteApi api = new SuiteApi(suite);
        String id = Forsendelser.newId(KY);
        byte[] file = Forsendelser.sample(suite, KY, id);

        assertThat(api.submitBySoap(KY, id, file)).isEqualTo("ACCEPTED");
        String name = ReturnFiles.awaitOne(suite, KY, id, "SUMKVIT", SumkvitteringFlowIT.FLOW);
        await().atMost(SumkvitteringFlowIT.FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> api.notifiedFiles(KY, id), files -> files.contains(name));

        // Spans are exported in batches: wait until the notification's span has arrived, then read the trace.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(mine(suite, id)).as("spans recording %s (receiver refused: %s)", id,
                        suite.otlp().refused()).anySatisfy(s -> {
                    assertThat(s.service()).isEqualTo("receipt-service");
                    assertThat(s.name()).isEqualTo("case-system notify");
                    assertThat(s.attributes()).containsEntry("outcome", "delivered");
                }));
        Set<String> traces = mine(suite, id).stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
        assertThat(traces).as("traces of the spans recording %s", id).hasSize(1);
        String traceId = traces.iterator().next();
        // Later spans of this trace (e.g. a batch still on its way) are given a moment to arrive.
        Thread.sleep(1000);
        List<ReceivedSpan> trace = suite.otlp().spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
        Map<String, ReceivedSpan> byId = trace.stream()
                .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));

        // One root, ingest's HTTP server span of the SOAP request; every other span's parent is in the trace.
        assertThat(trace).filteredOn(ReceivedSpan::isRoot).singleElement().satisfies(root -> {
            assertThat(root.service()).isEqualTo("ingest-service");
            assertThat(root.kind()).isEqualTo("SPAN_KIND_SERVER");
            assertThat(root.name()).contains("POST");
        });
        assertThat(trace).filteredOn(s -> !s.isRoot())
                .allSatisfy(s -> assertThat(byId).as("parent of %s/%s", s.service(), s.name())
                        .containsKey(s.parentSpanId()));

        // The notification's ancestry passes every hop in order: ingest → forwarder → SKAT → forwarder → receipt.
        ReceivedSpan notify = trace.stream().filter(s -> s.name().equals("case-system notify")).findFirst()
                .orElseThrow();
        List<ReceivedSpan> path = new ArrayList<>();
        for (ReceivedSpan s = notify; s != null; s = s.isRoot() ? null : byId.get(s.parentSpanId())) {
            path.add(s);
        }
        Collections.reverse(path);
        List<String> hops = new ArrayList<>();
        for (ReceivedSpan s : path) {
            if (hops.isEmpty() || !hops.get(hops.size() - 1).equals(s.service())) {
                hops.add(s.service());
            }
        }
        assertThat(hops).as("services from the root to the notification: %s", describe(path)).containsExactly(
                "ingest-service", "forwarder-service", "skat-simulator", "forwarder-service", "receipt-service");
        // The simulator's span continues the forwarder's EP_SK1 send: its parent came in the JMS properties.
        ReceivedSpan atSkat = path.stream().filter(s -> s.service().equals("skat-simulator")).findFirst().orElseThrow();
        assertThat(byId.get(atSkat.parentSpanId()).service()).isEqualTo("forwarder-service");
        assertThat(path).extracting(ReceivedSpan::name).contains("eindkomst.retur process");
        assertThat(path).filteredOn(s -> s.service().equals("receipt-service")).extracting(ReceivedSpan::name)
                .contains("eindkomst.retur process", "case-system notify");

        // No personal data and no payload in any span attribute of any service.
        String payload = new String(file, StandardCharsets.ISO_8859_1);
        List<String> pieces = new ArrayList<>(CPR);
        for (String line : payload.split("\r?\n")) {
            if (line.strip().length() >= 30) {
                pieces.add(line.substring(0, 30));
            }
        }
        assertThat(pieces).hasSizeGreaterThan(CPR.size());
        assertThat(suite.otlp().spans()).allSatisfy(s -> s.attributes().forEach((key, value) ->
                assertThat(value).as("%s/%s attribute %s", s.service(), s.name(), key)
                        .doesNotContain(pieces.toArray(String[]::new))));
    }

    private static List<ReceivedSpan> mine(Suite suite, String id) {
        return suite.otlp().spans().stream().filter(s -> id.equals(s.attributes().get(ID_ATTRIBUTE))).toList();
    }

    private static String describe(List<ReceivedSpan> path) {
        return path.stream().map(s -> s.service() + ":" + s.name()).collect(Collectors.joining(" > "));
    }
}
