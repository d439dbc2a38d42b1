package io.reportingsuite.ingest.batch;

import static io.reportingsuite.ingest.batch.BatchChannelProfile.EMPLOYER;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.SOCSEC;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.TRAINING;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.support.metrics.CertificateExpiryMetrics;
import io.reportingsuite.support.signing.PlatformSigningKey;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The expiry of the certificates ingest holds on {@code /q/metrics} as Prometheus scrapes it: each batch-channel
 * sender's registered signing certificate and the platform's signing certificate, one
 * {@code suite_certificate_not_after_seconds} each, its value the certificate's notAfter, labelled by
 * fingerprint (never by subject).
 */
@QuarkusTest
@TestProfile(BatchChannelProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class BatchCertificateExpiryTest {

    private static final Pattern SAMPLE = Pattern.compile(
            "^suite_certificate_not_after_seconds\\{(.*)} (\\S+)$", Pattern.MULTILINE);

    @Inject
    BatchOutbox outbox;

    /** The scraped samples: labels (as Prometheus prints them) -> value. */
    private static Map<String, Double> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    private static Double value(Map<String, Double> samples, String purpose, X509Certificate certificate) {
        String fingerprint = CertificateExpiryMetrics.fingerprint(certificate);
        return samples.entrySet().stream()
                .filter(e -> e.getKey().contains("certificate=\"" + fingerprint + "\"")
                        && e.getKey().contains("purpose=\"" + purpose + "\"")
                        && e.getKey().contains("service=\"ingest-service\""))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static double notAfter(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().getEpochSecond();
    }

    @Test
    void everySendersRegisteredCertificateHasItsNotAfterOnTheMetrics() throws Exception {
        Map<String, Double> samples = scrape();
        for (var sender : Map.of(EMPLOYER, 2048, SOCSEC, 1024, TRAINING, 2048).entrySet()) {
            X509Certificate certificate = PlatformSigningKey.readCertificate(
                    BatchChannelProfile.certificatePem(sender.getKey(), sender.getValue()));
            assertThat(value(samples, "batch-sender", certificate)).as(sender.getKey())
                    .isEqualTo(notAfter(certificate));
        }
        assertThat(samples.keySet()).filteredOn(k -> k.contains("purpose=\"batch-sender\"")).hasSize(3)
                .allSatisfy(k -> assertThat(k).contains("source=\"ingest.batch-channel\"").doesNotContain("CN="));
    }

    @Test
    void thePlatformSigningCertificateHasItsNotAfterOnTheMetrics() throws Exception {
        X509Certificate platform = outbox.platformKey().certificate();

        assertThat(value(scrape(), "platform-signing", platform)).isEqualTo(notAfter(platform));
    }
}
