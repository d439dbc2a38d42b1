package io.reportingsuite.support.metrics;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The certificates of every TLS configuration a service has (Quarkus' TLS registry, {@code quarkus.tls.*}:
 * the default one, which the HTTPS server and its client-certificate checks use, and each named one) on
 * {@link CertificateExpiryMetrics}: its key store as {@code tls-key-store}, its trust store (the CAs client
 * certificates are checked against) as {@code tls-trust-store}, {@code source} = the configuration's name
 * ({@code <default>} for the default). Registered at start-up and again when the registry reloads a
 * configuration ({@link CertificateUpdatedEvent}). A service without {@code quarkus.tls.*} has none.
 */
@ApplicationScoped
public class TlsCertificateExpiry {

    private static final Logger LOG = Logger.getLogger(TlsCertificateExpiry.class);
    /** How the registry names the default configuration. */
    static final String DEFAULT = "<default>";

    private final TlsConfigurationRegistry tls;
    private final CertificateExpiryMetrics metrics;
    private final Config config;

    public TlsCertificateExpiry(TlsConfigurationRegistry tls, CertificateExpiryMetrics metrics, Config config) {
        this.tls = tls;
        this.metrics = metrics;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        tls.getDefault().ifPresent(c -> register(DEFAULT, c));
        for (String name : namedConfigurations(config)) {
            tls.get(name).ifPresent(c -> register(name, c));
        }
    }

    void onReload(@Observes CertificateUpdatedEvent event) {
        register(event.name() == null ? DEFAULT : event.name(), event.tlsConfiguration());
    }

    private void register(String name, TlsConfiguration configuration) {
        try {
            int keys = metrics.register(CertificateExpiryMetrics.TLS_KEY_STORE, name,
                    CertificateExpiryMetrics.certificates(configuration.getKeyStore())).size();
            int trusted = metrics.register(CertificateExpiryMetrics.TLS_TRUST_STORE, name,
                    CertificateExpiryMetrics.certificates(configuration.getTrustStore())).size();
            if (keys + trusted > 0) {
                LOG.infof("TLS configuration %s: %d key-store and %d trust-store certificate(s) on %s", name, keys,
                        trusted, "suite_certificate_not_after_seconds");
            }
        } catch (RuntimeException e) {
            LOG.warnf("TLS configuration %s: its certificates' expiry cannot be measured (%s)", name, e.getMessage());
        }
    }

    /**
     * The names of the named TLS configurations: the first segment of each {@code quarkus.tls.<name>.*}
     * property (the default configuration's own properties give segments the registry does not know as names).
     */
    static Set<String> namedConfigurations(Config config) {
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (!property.startsWith("quarkus.tls.")) {
                continue;
            }
            String rest = property.substring("quarkus.tls.".length());
            String name;
            if (rest.startsWith("\"")) {
                int end = rest.indexOf('"', 1);
                if (end < 0) {
                    continue;
                }
                name = rest.substring(1, end);
            } else {
                int dot = rest.indexOf('.');
                if (dot < 0) {
                    continue;
                }
                name = rest.substring(0, dot);
            }
            names.add(name);
        }
        names.removeAll(Set.of("key-store", "trust-store", "cipher-suites", "protocols", "handshake-timeout", "alpn",
                "certificate-revocation-list", "trust-all", "hostname-verification-algorithm", "reload-period",
                "session-timeout"));
        return names;
    }
}
