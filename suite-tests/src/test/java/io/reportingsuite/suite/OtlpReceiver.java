package io.reportingsuite.suite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpenTelemetry collector inside the test JVM: OTLP/HTTP with protobuf bodies ({@code POST
 * /v1/traces}, what the services' Quarkus exporter sends with {@code quarkus.otel.exporter.otlp.protocol=
 * http/protobuf}) on a free loopback port, decoded with the protocol's own generated classes
 * ({@code io.opentelemetry.proto:opentelemetry-proto}) and kept in memory. Anything else is answered 404.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span, flattened: the exporting service, ids in hex, name, kind and every attribute as text. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                        Map<String, String> attributes) {

        boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** The base URI to give the exporter ({@code quarkus.otel.exporter.otlp.endpoint}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Requests that were not OTLP trace exports (path and content type), for a failure message. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/v1/traces")
                    || !type.startsWith("application/x-protobuf")) {
                refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + type);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            for (ResourceSpans resourceSpans : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                String service = serviceName(resourceSpans.getResource());
                for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                        spans.add(flatten(service, span));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static ReceivedSpan flatten(String service, io.opentelemetry.proto.trace.v1.Span span) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue kv : span.getAttributesList()) {
            attributes.put(kv.getKey(), text(kv.getValue()));
        }
        return new ReceivedSpan(service, hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(), attributes);
    }

    private static String serviceName(Resource resource) {
        return resource.getAttributesList().stream().filter(kv -> kv.getKey().equals("service.name"))
                .map(kv -> text(kv.getValue())).findFirst().orElse("?");
    }

    /** Any attribute value as text (arrays and maps by their elements), so every value can be searched. */
    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> hex(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> {
                List<String> items = new ArrayList<>();
                value.getArrayValue().getValuesList().forEach(v -> items.add(text(v)));
                yield String.join(",", items);
            }
            case KVLIST_VALUE -> {
                List<String> items = new ArrayList<>();
                value.getKvlistValue().getValuesList().forEach(kv -> items.add(kv.getKey() + "=" + text(kv.getValue())));
                yield String.join(",", items);
            }
            default -> "";
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
