package io.reportingsuite.debt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.support.metrics.CertificateExpiryMetrics;
import io.reportingsuite.support.signing.PlatformSigningKey;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TLS registry's certificates on the expiry metric: the default configuration's trust store (the CAs
 * debt-service checks client certificates against) and a named configuration's key store, each certificate's
 * {@code suite_certificate_not_after_seconds} equal to its notAfter. No default key store here, so the test
 * starts no HTTPS listener.
 */
@QuarkusTest
@TestProfile(TlsCertificateExpiryTest.Tls.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class TlsCertificateExpiryTest {

    /** PEM files written once per JVM before the application starts (the profile and the test share them). */
    public static class Tls implements QuarkusTestProfile {

        static synchronized Path dir() {
            String existing = System.getProperty("tls-expiry-test.dir");
            if (existing != null) {
                return Path.of(existing);
            }
            try {
                Path dir = Files.createTempDirectory("tls-expiry-test");
                PlatformSigningKey ca = PlatformSigningKey.generate(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"),
                        ZoneOffset.UTC));
                PlatformSigningKey server = PlatformSigningKey.generate(Clock.fixed(
                        Instant.parse("2025-11-20T06:30:00Z"), ZoneOffset.UTC));
                Files.writeString(dir.resolve("clients-ca.pem"), PlatformSigningKey.pem(ca.certificate()));
                Files.writeString(dir.resolve("client.pem"), PlatformSigningKey.pem(server.certificate()));
                Files.writeString(dir.resolve("client-key.pem"), PlatformSigningKey.pem(server.privateKey()));
                System.setProperty("tls-expiry-test.dir", dir.toString());
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = dir();
            return Map.of(
                    "quarkus.tls.trust-store.pem.certs", dir.resolve("clients-ca.pem").toString(),
                    "quarkus.tls.outbound.key-store.pem.main.cert", dir.resolve("client.pem").toString(),
                    "quarkus.tls.outbound.key-store.pem.main.key", dir.resolve("client-key.pem").toString());
        }
    }

    @Inject
    MeterRegistry registry;

    private double gauge(String purpose, String source, X509Certificate certificate) {
        Gauge gauge = registry.get(CertificateExpiryMetrics.METER).tag("service", "debt-service")
                .tag("purpose", purpose).tag("source", source)
                .tag("certificate", CertificateExpiryMetrics.fingerprint(certificate)).gauge();
        return gauge.value();
    }

    @Test
    void theTrustStoreAndKeyStoreCertificatesHaveTheirNotAfterOnTheMetrics() throws Exception {
        X509Certificate ca = PlatformSigningKey.readCertificate(Tls.dir().resolve("clients-ca.pem"));
        X509Certificate client = PlatformSigningKey.readCertificate(Tls.dir().resolve("client.pem"));

        assertThat(gauge("tls-trust-store", "<default>", ca)).isEqualTo(ca.getNotAfter().toInstant().getEpochSecond())
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(730L * 86400).getEpochSecond());
        assertThat(gauge("tls-key-store", "outbound", client))
                .isEqualTo(client.getNotAfter().toInstant().getEpochSecond());
        assertThat(registry.find(CertificateExpiryMetrics.METER).gauges()).hasSize(2);
    }
}
