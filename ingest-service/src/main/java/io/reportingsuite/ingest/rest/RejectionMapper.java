package io.reportingsuite.ingest.rest;

import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.service.Rejection;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.function.Function;

/**
 * A {@link Rejection} as problem+json with the status of its kind ({@code urn:reportingsuite:problem:<kind>});
 * both 503s say when to retry: {@code unavailable} (nothing accepted) and {@code not-confirmed} (outcome unknown,
 * an exact resend is safe and answers it).
 */
@Provider
public class RejectionMapper implements ExceptionMapper<Rejection> {

    private final IngestConfig config;

    public RejectionMapper(IngestConfig config) {
        this.config = config;
    }

    @Override
    public Response toResponse(Rejection r) {
        return toResponse(r, f -> null);
    }

    /** The same answer, each finding also naming its JSON pointer (structured submissions). */
    Response toResponse(Rejection r, Function<Finding, String> pointers) {
        Response.Status status = Response.Status.fromStatusCode(r.kind().status());
        String title = status == null ? r.kind().name() : status.getReasonPhrase();
        Response.ResponseBuilder response = Response.status(r.kind().status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), title,
                        r.kind().status(), r.getMessage(), r.findings(), pointers));
        if (r.kind() == Rejection.Kind.UNAVAILABLE || r.kind() == Rejection.Kind.NOT_CONFIRMED) {
            response.header("Retry-After", Long.toString(config.retryAfter().toSeconds()));
        }
        return response.build();
    }
}
