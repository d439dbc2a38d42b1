package io.reportingsuite.receipt.batch;

import io.reportingsuite.contracts.batch.BatchSignature;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.support.metrics.CertificateExpiryMetrics;
import io.reportingsuite.support.signing.PlatformSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signs answer files with the platform's own key (service-support {@link PlatformSigningKey}, the shared
 * {@code suite.platform-signing.*} files): detached CMS, RSA with SHA-256, Base64 in 76-character columns
 * separated by a single CR (SPEC §5.3). The key is read on first use; with {@code generate=true} (local runs,
 * tests) a development pair is created when neither file exists. Its certificate's expiry is on
 * {@code suite_certificate_not_after_seconds{purpose="platform-signing"}} from the start (when the file exists)
 * and from the first use (when it was generated then).
 */
@ApplicationScoped
public class PlatformSigner {

    private static final Logger LOG = Logger.getLogger(PlatformSigner.class);

    private final Path key;
    private final Path certificate;
    private final boolean generate;
    private final Clock clock;
    private final CertificateExpiryMetrics expiry;
    private volatile BatchSignature signer;

    public PlatformSigner(@ConfigProperty(name = "suite.platform-signing.key") Path key,
            @ConfigProperty(name = "suite.platform-signing.certificate") Path certificate,
            @ConfigProperty(name = "suite.platform-signing.generate", defaultValue = "false") boolean generate,
            Clock clock, CertificateExpiryMetrics expiry) {
        this.key = key;
        this.certificate = certificate;
        this.generate = generate;
        this.clock = clock;
        this.expiry = expiry;
    }

    /** The certificate's expiry on the metrics from the start, when the file is there already. */
    void onStart(@Observes StartupEvent event) {
        if (Files.isRegularFile(certificate)) {
            try {
                measure(PlatformSigningKey.readCertificate(certificate));
            } catch (IOException e) {
                LOG.warnf("the platform signing certificate %s cannot be read (%s); its expiry is not measured",
                        certificate, e.getMessage());
            }
        }
    }

    private void measure(X509Certificate platformCertificate) {
        expiry.register(CertificateExpiryMetrics.PLATFORM_SIGNING, "suite.platform-signing", List.of(platformCertificate));
    }

    /** The FS content for {@code content}. */
    public byte[] sign(byte[] content) throws IOException {
        return signer().sign(new ByteArrayInputStream(content));
    }

    private BatchSignature signer() throws IOException {
        BatchSignature s = signer;
        if (s == null) {
            synchronized (this) {
                if (signer == null) {
                    PlatformSigningKey pair = generate ? PlatformSigningKey.loadOrCreate(key, certificate, clock)
                            : PlatformSigningKey.load(key, certificate);
                    measure(pair.certificate());
                    signer = pair.signer();
                }
                s = signer;
            }
        }
        return s;
    }
}
