package io.reportingsuite.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reportingsuite.support.signing.PlatformSigningKey;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateExpiryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CertificateExpiryMetrics metrics = new CertificateExpiryMetrics(registry, "test-service");

    private static X509Certificate certificate(String at) {
        return PlatformSigningKey.generate(Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).certificate();
    }

    private List<Gauge> gauges(String purpose) {
        return List.copyOf(registry.find(CertificateExpiryMetrics.METER).tag("purpose", purpose).gauges());
    }

    @Test
    void oneGaugePerCertificateWhoseValueIsItsNotAfterInEpochSeconds() throws Exception {
        X509Certificate a = certificate("2026-01-10T08:00:00Z");
        X509Certificate b = certificate("2025-03-01T00:00:00Z");

        List<String> registered = metrics.register("platform-signing", "suite.platform-signing", List.of(a, b, a));

        assertThat(registered).containsExactly(CertificateExpiryMetrics.fingerprint(a),
                CertificateExpiryMetrics.fingerprint(b));
        Gauge gaugeA = registry.get(CertificateExpiryMetrics.METER)
                .tag("certificate", CertificateExpiryMetrics.fingerprint(a)).gauge();
        assertThat(gaugeA.value()).isEqualTo((double) a.getNotAfter().toInstant().getEpochSecond())
                .isEqualTo((double) Instant.parse("2026-01-10T08:00:00Z").plusSeconds(730L * 86400).getEpochSecond());
        assertThat(gaugeA.getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(gaugeA.getId().getTag("service")).isEqualTo("test-service");
        assertThat(gaugeA.getId().getTag("purpose")).isEqualTo("platform-signing");
        assertThat(gaugeA.getId().getTag("source")).isEqualTo("suite.platform-signing");
        assertThat(registry.get(CertificateExpiryMetrics.METER)
                .tag("certificate", CertificateExpiryMetrics.fingerprint(b)).gauge().value())
                .isEqualTo((double) b.getNotAfter().toInstant().getEpochSecond());
        assertThat(gauges("platform-signing")).hasSize(2);
    }

    @Test
    void theLabelsCarryAFingerprintNeverTheSubject() throws Exception {
        X509Certificate a = certificate("2026-01-10T08:00:00Z");
        metrics.register("batch-sender", "ingest.batch-channel", List.of(a));

        String fingerprint = CertificateExpiryMetrics.fingerprint(a);
        assertThat(fingerprint).isEqualTo(HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(a.getEncoded())).substring(0, 16));
        Gauge gauge = gauges("batch-sender").get(0);
        assertThat(gauge.getId().getTags()).allSatisfy(tag -> {
            assertThat(tag.getValue()).doesNotContain("Reporting suite").doesNotContain("CN=");
        });
    }

    @Test
    void registeringAgainReplacesTheGaugesOfThatPurposeAndSourceOnly() {
        X509Certificate old = certificate("2025-01-01T00:00:00Z");
        X509Certificate rotated = certificate("2026-06-01T00:00:00Z");
        X509Certificate other = certificate("2026-02-01T00:00:00Z");
        metrics.register("tls-key-store", "<default>", List.of(old));
        metrics.register("tls-key-store", "clients", List.of(other));

        metrics.register("tls-key-store", "<default>", List.of(rotated));

        assertThat(gauges("tls-key-store")).extracting(g -> g.getId().getTag("certificate"))
                .containsExactlyInAnyOrder(CertificateExpiryMetrics.fingerprint(rotated),
                        CertificateExpiryMetrics.fingerprint(other));
        metrics.register("tls-key-store", "<default>", List.of());
        assertThat(gauges("tls-key-store")).extracting(g -> g.getId().getTag("source")).containsExactly("clients");
    }

    @Test
    void aKeyStoreGivesItsKeyChainsAndTrustedCertificates() throws Exception {
        PlatformSigningKey pair = PlatformSigningKey.generate(Clock.systemUTC());
        X509Certificate trusted = certificate("2024-05-05T00:00:00Z");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pair.privateKey(), "x".toCharArray(), new Certificate[] {pair.certificate()});
        store.setCertificateEntry("ca", trusted);

        assertThat(CertificateExpiryMetrics.certificates(store))
                .containsExactlyInAnyOrder(pair.certificate(), trusted);
        assertThat(CertificateExpiryMetrics.certificates(null)).isEmpty();
    }
}
