package io.reportingsuite.receipt.batch;

import io.reportingsuite.contracts.batch.BatchSignature;
import io.reportingsuite.support.signing.PlatformSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs answer files with the platform's own key (service-support {@link PlatformSigningKey}, the shared
 * {@code suite.platform-signing.*} files): detached CMS, RSA with SHA-256, Base64 in 76-character columns
 * separated by a single CR (SPEC §5.3). The key is read on first use; with {@code generate=true} (local runs,
 * tests) a development pair is created when neither file exists.
 */
@ApplicationScoped
public class PlatformSigner {

    private final Path key;
    private final Path certificate;
    private final boolean generate;
    private final Clock clock;
    private volatile BatchSignature signer;

    public PlatformSigner(@ConfigProperty(name = "suite.platform-signing.key") Path key,
            @ConfigProperty(name = "suite.platform-signing.certificate") Path certificate,
            @ConfigProperty(name = "suite.platform-signing.generate", defaultValue = "false") boolean generate,
            Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.generate = generate;
        this.clock = clock;
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
                    signer = pair.signer();
                }
                s = signer;
            }
        }
        return s;
    }
}
