package io.reportingsuite.ingest.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.CertificateAuthenticationRequest;
import io.reportingsuite.ingest.batch.BatchChannelConfig;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import javax.security.auth.x500.X500Principal;

/**
 * A TLS client certificate (mutual TLS, production) → the case system registered for its subject (RFC 2253), or
 * the batch administrator when the subject is one of {@code ingest.batch-channel.admin.certificate-subjects}.
 * Runs before Quarkus' own X.509 provider and fails for an unregistered subject, so a certificate the TLS
 * layer trusts but no case system owns never becomes an identity.
 */
@ApplicationScoped
public class CertificateIdentityProvider implements IdentityProvider<CertificateAuthenticationRequest> {

    private final CaseSystemRegistry registry;

    private final BatchChannelConfig batchChannel;

    public CertificateIdentityProvider(CaseSystemRegistry registry, BatchChannelConfig batchChannel) {
        this.registry = registry;
        this.batchChannel = batchChannel;
    }

    @Override
    public Class<CertificateAuthenticationRequest> getRequestType() {
        return CertificateAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CertificateAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        X500Principal principal = request.getCertificate().getCertificate().getSubjectX500Principal();
        if (BatchAdminIdentity.matches(batchChannel.admin(), principal)) {
            return Uni.createFrom().item(BatchAdminIdentity.of(principal.getName(X500Principal.RFC2253),
                    "certificate"));
        }
        String subject = request.getCertificate().getCertificate().getSubjectX500Principal()
                .getName(X500Principal.RFC2253);
        return registry.byCertificateSubject(subject)
                .map(system -> Uni.createFrom().item(CaseSystemIdentity.of(system, "certificate")))
                .orElseGet(() -> Uni.createFrom().failure(
                        new AuthenticationFailedException("certificate subject not registered")));
    }
}
