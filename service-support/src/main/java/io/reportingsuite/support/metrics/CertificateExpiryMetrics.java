package io.reportingsuite.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When the certificates a service holds expire, on {@code /q/metrics}: one gauge
 * {@code suite_certificate_not_after_seconds} per certificate, its value the certificate's notAfter in seconds
 * since the epoch, so an alert compares it with {@code time()} (chart: {@code ReportingSuiteCertificateExpiring}).
 *
 * <p>Tags: {@code service} (the application name), {@code purpose} (what the certificate is for:
 * {@value #TLS_KEY_STORE}, {@value #TLS_TRUST_STORE}, {@value #PLATFORM_SIGNING}, {@value #BATCH_SENDER}),
 * {@code source} (where it is configured: a TLS configuration's name, or a configuration root such as
 * {@code suite.platform-signing}) and {@code certificate}, the first 16 hex digits of its SHA-256 fingerprint
 * ({@code openssl x509 -noout -fingerprint -sha256}). Never the subject or issuer: a certificate's subject
 * may name a person (a CPR or a sole trader's number).
 *
 * <p>{@link #register} replaces what was registered before for the same purpose and source, so a reloaded key
 * store or a rotated key leaves no gauge of the certificate it replaced.
 */
public final class CertificateExpiryMetrics {

    /** The meter's name; in Prometheus {@code suite_certificate_not_after_seconds}. */
    public static final String METER = "suite.certificate.not.after.seconds";
    public static final String TLS_KEY_STORE = "tls-key-store";
    public static final String TLS_TRUST_STORE = "tls-trust-store";
    public static final String PLATFORM_SIGNING = "platform-signing";
    public static final String BATCH_SENDER = "batch-sender";

    private final MeterRegistry registry;
    private final String service;
    private final Map<String, List<Meter.Id>> registered = new LinkedHashMap<>();

    public CertificateExpiryMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    /**
     * Registers a gauge for each certificate (a certificate listed twice counts once), replacing the gauges
     * registered before for {@code purpose} and {@code source}; an empty list removes them.
     *
     * @return the fingerprints registered, in order
     */
    public synchronized List<String> register(String purpose, String source, Collection<X509Certificate> certificates) {
        String key = purpose + '\n' + source;
        for (Meter.Id id : registered.getOrDefault(key, List.of())) {
            registry.remove(id);
        }
        Map<String, X509Certificate> distinct = new LinkedHashMap<>();
        for (X509Certificate certificate : certificates) {
            distinct.putIfAbsent(fingerprint(certificate), certificate);
        }
        List<Meter.Id> ids = new ArrayList<>();
        distinct.forEach((fingerprint, certificate) -> {
            double notAfter = certificate.getNotAfter().toInstant().getEpochSecond();
            ids.add(Gauge.builder("suite.certificate.not.after.seconds", () -> notAfter)
                    .description("When the certificate expires (its notAfter), seconds since the epoch")
                    .baseUnit("seconds")
                    .tag("service", service).tag("purpose", purpose).tag("source", source)
                    .tag("certificate", fingerprint)
                    .strongReference(true)
                    .register(registry).getId());
        });
        registered.put(key, ids);
        return List.copyOf(distinct.keySet());
    }

    /**
     * The certificates of a key store: each private-key entry's chain (the leaf and its intermediates, which
     * expire too) and each trusted-certificate entry. An empty list for a null store.
     */
    public static List<X509Certificate> certificates(KeyStore store) {
        if (store == null) {
            return List.of();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain != null) {
                    for (Certificate c : chain) {
                        if (c instanceof X509Certificate x509) {
                            certificates.add(x509);
                        }
                    }
                } else if (store.getCertificate(alias) instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot list the certificates of a key store ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return certificates;
    }

    /** The first 16 hex digits (lower case) of the certificate's SHA-256 fingerprint. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a certificate (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }
}
