package io.reportingsuite.ingest.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.ingest.batch.BatchChannelConfig;
import io.reportingsuite.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP Basic credentials → a case system, or the batch administrator ({@link BatchAdminIdentity}) (local runs and tests; {@code ingest.basic-auth-enabled}, off in
 * {@code prod}). Unknown credentials fail the authentication; they never fall through to another provider.
 */
@ApplicationScoped
public class BasicIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final CaseSystemRegistry registry;
    private final IngestConfig config;
    private final BatchChannelConfig batchChannel;

    public BasicIdentityProvider(CaseSystemRegistry registry, IngestConfig config, BatchChannelConfig batchChannel) {
        this.registry = registry;
        this.config = config;
        this.batchChannel = batchChannel;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        if (!config.basicAuthEnabled()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("HTTP Basic is off"));
        }
        String password = new String(request.getPassword().getPassword());
        if (BatchAdminIdentity.matches(batchChannel.admin(), request.getUsername(), password)) {
            return Uni.createFrom().item(BatchAdminIdentity.of(request.getUsername(), "basic"));
        }
        return registry.byCredentials(request.getUsername(), password)
                .map(system -> Uni.createFrom().item(CaseSystemIdentity.of(system, "basic")))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown credentials")));
    }
}
