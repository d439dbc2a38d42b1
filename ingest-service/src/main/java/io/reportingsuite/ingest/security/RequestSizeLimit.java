package io.reportingsuite.ingest.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.reportingsuite.ingest.config.IngestConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose {@code Content-Length} is over {@code ingest.max-request-size} with {@code 413}
 * before its body is read (chunked bodies are cut off by Vert.x, {@code quarkus.http.limits.max-body-size}).
 */
@ApplicationScoped
public class RequestSizeLimit {

    private final IngestConfig config;

    public RequestSizeLimit(IngestConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    void filter(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = config.maxRequestSize().asLongValue();
        try {
            if (length != null && Long.parseLong(length) > limit) {
                Refusals.tooLarge(rc, rc.normalizedPath().startsWith("/soap/"), limit);
                return;
            }
        } catch (NumberFormatException e) {
            // Vert.x refuses a malformed Content-Length itself.
        }
        rc.next();
    }
}
