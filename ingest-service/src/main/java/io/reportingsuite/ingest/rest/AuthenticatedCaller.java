package io.reportingsuite.ingest.rest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.reportingsuite.ingest.security.CallerAuthentication;
import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated case system of the current request, for the resources added with the structured
 * submission (issue 10). The one place they learn who calls: today the header {@link CallerAuthentication}
 * sets, as {@link IndberetningResource} reads it.
 */
@RequestScoped
public class AuthenticatedCaller {

    private final CurrentVertxRequest request;

    public AuthenticatedCaller(CurrentVertxRequest request) {
        this.request = request;
    }

    /** The case system's name (e.g. {@code KY}); never null behind the authentication filter. */
    public String name() {
        return request.getCurrent().request().getHeader(CallerAuthentication.CALLER_HEADER);
    }
}
