package io.reportingsuite.skatmq.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in the JMS string properties of SKAT's MQ, one
 * definition for both sides of it: forwarder-service writes it on EP_SK1 and reads it from EP_SK2/EP_SK3,
 * skat-simulator reads it from EP_SK1 and writes it on its answers, so SKAT's answer continues the trace.
 *
 * <p>A JMS property name must be a Java identifier. A propagator key's {@code -} becomes {@code __dash__},
 * the mapping OpenTelemetry's own JMS instrumentation uses (so an instrumented peer reads the same names);
 * the W3C keys have none and travel unchanged as {@code traceparent} and {@code tracestate}. Only the W3C
 * trace context crosses to SKAT, never baggage (free-form, it could carry anything).
 */
public final class SkatMqTraceContext {

    private static final String DASH = "__dash__";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = (map, key, value) -> {
        if (map != null) {
            map.put(propertyName(key), value);
        }
    };

    private static final TextMapSetter<Message> JMS_SETTER = (message, key, value) -> {
        try {
            if (message != null) {
                message.setStringProperty(propertyName(key), value);
            }
        } catch (JMSException e) {
            // A message that refuses a property is sent without trace context: tracing never stops a send.
        }
    };

    private static final TextMapGetter<Function<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return W3C.fields();
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(propertyName(key));
        }
    };

    private SkatMqTraceContext() {
    }

    /** The JMS property name of a propagator key ({@code -} becomes {@code __dash__}). */
    public static String propertyName(String key) {
        return key.replace("-", DASH);
    }

    /** The propagator key of a JMS property name (the inverse of {@link #propertyName}). */
    public static String key(String propertyName) {
        return propertyName.replace(DASH, "-");
    }

    /** The JMS property names this class writes and reads. */
    public static List<String> propertyNames() {
        List<String> names = new ArrayList<>();
        for (String field : W3C.fields()) {
            names.add(propertyName(field));
        }
        return Collections.unmodifiableList(names);
    }

    /** Adds the trace context of {@code context} to properties that will become JMS string properties. */
    public static void inject(Context context, Map<String, String> properties) {
        W3C.inject(context, properties, MAP_SETTER);
    }

    /** Sets the trace context of {@code context} as string properties of a message about to be sent. */
    public static void inject(Context context, Message message) {
        W3C.inject(context, message, JMS_SETTER);
    }

    /** The trace context carried by properties read with {@code property} (name to value, null if absent). */
    public static Context extract(Function<String, String> property) {
        return W3C.extract(Context.root(), property, GETTER);
    }

    /** The trace context a received message carries ({@link Context#root()} when it carries none). */
    public static Context extract(Message message) {
        return extract(name -> {
            try {
                return message.getStringProperty(name);
            } catch (JMSException | RuntimeException e) {
                return null;
            }
        });
    }

    /**
     * Starts a consumer span for a message taken from SKAT's MQ, a child of the trace context it carries,
     * and makes it current; close the returned handle when the message is done with.
     *
     * @param queue the queue's logical name (EP_SK1 … EP_SK4), the only attribute recorded: never a body
     */
    public static Received received(Tracer tracer, String queue, Message message) {
        Span span = tracer.spanBuilder(queue + " process")
                .setParent(extract(message))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "jms")
                .setAttribute("messaging.destination.name", queue)
                .setAttribute("messaging.operation.type", "process")
                .startSpan();
        return new Received(span, span.makeCurrent());
    }

    /** A consumer span that is current until {@link #close()}. */
    public static final class Received implements AutoCloseable {
        private final Span span;
        private final Scope scope;
        private boolean closed;

        private Received(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Ends the span as failed (the exception's type only: its message could carry anything). */
        public void failed(Throwable failure) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            close();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            scope.close();
            span.end();
        }
    }
}
