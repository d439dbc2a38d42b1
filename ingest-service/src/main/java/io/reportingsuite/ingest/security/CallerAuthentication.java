package io.reportingsuite.ingest.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import org.jboss.logging.Logger;

/**
 * Authenticates every call to the submission and tracking APIs (ARCHITECTURE §6) before it reaches REST or
 * CXF: a client certificate mapped to a case system (mutual TLS, production) or, when enabled, HTTP Basic
 * with the system's configured credentials. The authenticated system travels to the endpoints in the
 * {@link #CALLER_HEADER} request header, which this filter always overwrites, so a caller cannot set it.
 * Oversized requests are refused here too, before their body is read.
 */
@ApplicationScoped
public class CallerAuthentication {

    /** Request header carrying the authenticated case system's name to the endpoints. */
    public static final String CALLER_HEADER = "X-Ingest-Authenticated-System";

    private static final Logger LOG = Logger.getLogger(CallerAuthentication.class);
    private static final String BASIC = "Basic ";

    private final CaseSystemRegistry registry;
    private final IngestConfig config;

    public CallerAuthentication(CaseSystemRegistry registry, IngestConfig config) {
        this.registry = registry;
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 100);
    }

    void filter(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.headers().remove(CALLER_HEADER);
        String path = request.path();
        boolean soap = path.startsWith("/soap/");
        boolean api = path.startsWith("/api/");
        // The WSDL is public: reading the contract needs no identity.
        if (!(soap || api) || (soap && request.method() == HttpMethod.GET)) {
            rc.next();
            return;
        }
        if (tooLarge(request)) {
            Refusals.tooLarge(rc, soap, config.maxRequestSize().asLongValue());
            return;
        }
        Optional<RegisteredSystem> caller = fromCertificate(request).or(() -> fromBasic(request));
        if (caller.isEmpty()) {
            LOG.infof("Refused unauthenticated %s %s", request.method(), path);
            Refusals.unauthenticated(rc, soap, config.basicAuthEnabled());
            return;
        }
        request.headers().set(CALLER_HEADER, caller.get().name());
        rc.next();
    }

    private boolean tooLarge(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length) > config.maxRequestSize().asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Optional<RegisteredSystem> fromCertificate(HttpServerRequest request) {
        if (!request.isSSL()) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = request.sslSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                return registry.byCertificateSubject(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate offered: fall through to the other mechanisms.
        }
        return Optional.empty();
    }

    private Optional<RegisteredSystem> fromBasic(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!config.basicAuthEnabled() || header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : registry.byCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
