package io.reportingsuite.ingest.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.CertificateCredential;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.CertificateAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.reportingsuite.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jboss.logging.Logger;

/**
 * The one HTTP authentication mechanism of ingest-service (ARCHITECTURE §6): it turns a TLS client
 * certificate (production) or, when {@code ingest.basic-auth-enabled}, HTTP Basic credentials into an
 * authentication request for the case-system identity providers, and answers every refusal in the
 * caller's protocol (problem+json for REST, a SOAP fault for SOAP). Which paths need an identity is decided
 * by {@code quarkus.http.auth.permission.*}, not here. Failed logins are counted per client address by
 * {@link FailedLogins}; a client over the limit gets {@code 429} with {@code Retry-After} before its
 * credentials are even checked.
 */
@ApplicationScoped
public class CaseSystemAuthentication implements HttpAuthenticationMechanism {

    /** Ahead of Quarkus' own mutual-TLS mechanism (3000), so the answers are always ours. */
    static final int PRIORITY = 5000;

    private static final Logger LOG = Logger.getLogger(CaseSystemAuthentication.class);
    private static final String BASIC = "Basic ";
    private static final String THROTTLED = CaseSystemAuthentication.class.getName() + ".retry-after";

    private final IngestConfig config;
    private final FailedLogins failedLogins;

    public CaseSystemAuthentication(IngestConfig config, FailedLogins failedLogins) {
        this.config = config;
        this.failedLogins = failedLogins;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        Optional<AuthenticationRequest> request = fromCertificate(rc.request()).or(() -> fromBasic(rc.request()));
        if (request.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        String client = client(rc);
        Optional<Duration> blocked = failedLogins.blockedFor(client);
        if (blocked.isPresent()) {
            rc.put(THROTTLED, blocked.get());
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed logins"));
        }
        HttpSecurityUtils.setRoutingContextAttribute(request.get(), rc);
        return identities.authenticate(request.get()).onFailure().invoke(failure -> {
            failedLogins.failed(client);
            LOG.infof("Refused %s %s: %s", rc.request().method(), rc.normalizedPath(),
                    failure instanceof AuthenticationFailedException ? "unknown credentials or certificate"
                            : failure.getClass().getSimpleName());
        });
    }

    /** Answers a missing/failed authentication in the caller's protocol; always ends the response. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext rc) {
        if (!rc.response().ended()) {
            boolean soap = rc.normalizedPath().startsWith("/soap/");
            Duration retryAfter = rc.get(THROTTLED);
            if (retryAfter != null) {
                Refusals.tooManyFailedLogins(rc, soap, Math.max(1, retryAfter.toSeconds()));
            } else {
                Refusals.unauthenticated(rc, soap, config.basicAuthEnabled());
            }
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext rc) {
        return Uni.createFrom().item(config.basicAuthEnabled()
                ? new ChallengeData(401, "WWW-Authenticate", Refusals.BASIC_CHALLENGE)
                : new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CertificateAuthenticationRequest.class, UsernamePasswordAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** The client whose failed logins are counted: the peer address of the connection. */
    private static String client(RoutingContext rc) {
        return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
    }

    private static Optional<AuthenticationRequest> fromCertificate(HttpServerRequest request) {
        if (!request.isSSL()) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = request.connection().sslSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                return Optional.of(new CertificateAuthenticationRequest(new CertificateCredential(cert)));
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate offered: HTTP Basic may still apply.
        }
        return Optional.empty();
    }

    private Optional<AuthenticationRequest> fromBasic(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!config.basicAuthEnabled() || header == null
                || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        // Malformed credentials are a failed login too (an empty user name matches no case system).
        return Optional.of(colon < 0
                ? new UsernamePasswordAuthenticationRequest("", new PasswordCredential(new char[0]))
                : new UsernamePasswordAuthenticationRequest(decoded.substring(0, colon),
                        new PasswordCredential(decoded.substring(colon + 1).toCharArray())));
    }
}
