package io.reportingsuite.support.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.amqp.IncomingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A span for the work done on one AMQP message, a child of the connector's receive span (which continues the
 * trace context the sender put in the message), current while the work runs on this thread, ended when the
 * work's stage completes. Every AMQP send in that work (through {@code SettledSend}) and every JMS send that
 * injects {@link Context#current()} continues the trace. Recorded: the span name, the HovedIndberetningID
 * (an identifier of the forsendelse, not of a person) and a failure's exception type; never a body, a CPR
 * number or an exception message.
 */
@ApplicationScoped
public class MessageSpans {

    /** The span attribute that carries the HovedIndberetningID. */
    public static final String HOVED_INDBERETNING_ID = "eindkomst.hoved_indberetning_id";

    private final Tracer tracer;

    @Inject
    public MessageSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs {@code work} inside a span named {@code name} of kind {@code kind}. */
    public <T> CompletionStage<T> process(Message<?> message, String name, SpanKind kind,
                                          Supplier<CompletionStage<T>> work) {
        Context parent = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .orElse(Context.current());
        Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
        String id = hovedIndberetningId(message);
        if (id != null) {
            span.setAttribute(HOVED_INDBERETNING_ID, id);
        }
        CompletionStage<T> stage;
        try (Scope ignored = span.makeCurrent()) {
            stage = work.get();
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        }
        return stage.whenComplete((result, failure) -> {
            if (failure != null) {
                failed(span, failure);
            } else {
                span.end();
            }
        });
    }

    private static void failed(Span span, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        span.setStatus(StatusCode.ERROR, cause.getClass().getSimpleName());
        span.end();
    }

    private static String hovedIndberetningId(Message<?> message) {
        return message.getMetadata(IncomingAmqpMetadata.class)
                .map(IncomingAmqpMetadata::getProperties)
                .map(p -> p.getValue(MessageProperties.HOVED_INDBERETNING_ID))
                .filter(String.class::isInstance).map(String.class::cast)
                .orElse(null);
    }
}
