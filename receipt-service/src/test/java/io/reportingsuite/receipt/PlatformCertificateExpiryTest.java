package io.reportingsuite.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.receipt.batch.PlatformSigner;
import io.reportingsuite.support.metrics.CertificateExpiryMetrics;
import io.reportingsuite.support.signing.PlatformSigningKey;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The platform signing certificate receipt signs its batch answers with, on {@code /q/metrics}: one
 * {@code suite_certificate_not_after_seconds{purpose="platform-signing"}} whose value is its notAfter.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class PlatformCertificateExpiryTest {

    @Inject
    PlatformSigner signer;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "suite.platform-signing.certificate")
    Path certificate;

    @Test
    void thePlatformCertificatesNotAfterIsOnTheMetrics() throws Exception {
        signer.sign("content".getBytes(StandardCharsets.US_ASCII)); // loads (or, in tests, generates) the pair
        X509Certificate platform = PlatformSigningKey.readCertificate(certificate);
        String fingerprint = CertificateExpiryMetrics.fingerprint(platform);
        double notAfter = platform.getNotAfter().toInstant().getEpochSecond();

        assertThat(metrics.get(CertificateExpiryMetrics.METER).tag("purpose", "platform-signing")
                .tag("source", "suite.platform-signing").tag("service", "receipt-service")
                .tag("certificate", fingerprint).gauge().value()).isEqualTo(notAfter);
        String scraped = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = Pattern.compile("(?m)^suite_certificate_not_after_seconds\\{[^}]*certificate=\""
                + fingerprint + "\"[^}]*purpose=\"platform-signing\"[^}]*} (\\S+)$").matcher(scraped);
        assertThat(sample.find()).as("the sample on /q/metrics").isTrue();
        assertThat(Double.parseDouble(sample.group(1))).isEqualTo(notAfter);
    }
}
