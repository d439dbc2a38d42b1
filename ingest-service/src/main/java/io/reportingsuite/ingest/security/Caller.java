package io.reportingsuite.ingest.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The case system that made the current request, for every endpoint (REST, SOAP). The HTTP permissions
 * (application.properties) already refused anyone else, so an endpoint only asks which system it is.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's case-system name (e.g. {@code KY}); never null behind the permission policy. */
    public String caseSystem() {
        String name = CaseSystemIdentity.caseSystem(identity);
        if (name == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return name;
    }
}
