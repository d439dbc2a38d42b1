package io.reportingsuite.debt.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A grouped batch request: {@code POST /api/v1/debt-queries/batches} body, and the payload of an AMQP
 * {@code debt.batch-requests} message (which adds {@code type}, {@code version}, {@code requestId} and
 * {@code consumer}).
 */
// Native image: read by ObjectMapper from AMQP messages, with its items (also written as JSON by BatchWorker).
@RegisterForReflection(registerFullHierarchy = true)
public record BatchRequest(String type, Integer version, String requestId, String consumer, String legalContext,
        String closingDate, List<BatchItem> items) {
}
