package io.reportingsuite.skatmq.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkatMqTraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    @Test
    void w3c_keys_travel_unchanged_and_dashes_become_identifiers() {
        assertThat(SkatMqTraceContext.propertyNames()).containsExactly("traceparent", "tracestate");
        assertThat(SkatMqTraceContext.propertyName("X-B3-TraceId")).isEqualTo("X__dash__B3__dash__TraceId");
        assertThat(SkatMqTraceContext.key("X__dash__B3__dash__TraceId")).isEqualTo("X-B3-TraceId");
        assertThat(SkatMqTraceContext.propertyNames())
                .allSatisfy(name -> assertThat(name.chars().allMatch(Character::isJavaIdentifierPart)).isTrue());
    }

    @Test
    void a_sampled_context_goes_into_the_properties_and_comes_back_out() {
        SpanContext sent = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.builder().put("skat", "1").build());
        Map<String, String> properties = new HashMap<>();

        SkatMqTraceContext.inject(Context.root().with(Span.wrap(sent)), properties);

        assertThat(properties).containsEntry("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01")
                .containsEntry("tracestate", "skat=1");
        SpanContext read = Span.fromContext(SkatMqTraceContext.extract(properties::get)).getSpanContext();
        assertThat(read.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(read.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(read.isRemote()).isTrue();
        assertThat(read.getTraceState().get("skat")).isEqualTo("1");
    }

    @Test
    void no_trace_no_properties_and_garbage_reads_as_no_trace() {
        Map<String, String> properties = new HashMap<>();
        SkatMqTraceContext.inject(Context.root(), properties);
        assertThat(properties).isEmpty();

        Map<String, String> garbage = Map.of("traceparent", "not-a-traceparent");
        assertThat(Span.fromContext(SkatMqTraceContext.extract(garbage::get)).getSpanContext().isValid()).isFalse();
    }
}
