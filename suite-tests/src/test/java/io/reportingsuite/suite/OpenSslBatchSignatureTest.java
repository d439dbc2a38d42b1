package io.reportingsuite.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.batch.BatchSignature;
import io.reportingsuite.contracts.batch.BatchSignatureVerifier;
import io.reportingsuite.contracts.batch.SignatureVerdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FS signatures of the batch channel (SPEC §5.3) between our code and the {@code openssl} command line a
 * sender uses ({@code scripts/batch-send.sh}, {@link BatchChannel#sign}): what {@code openssl cms -sign} makes
 * from a {@code scripts/batch-channel-material.sh} certificate, contracts' {@link BatchSignatureVerifier}
 * accepts (SHA-256, SHA-1) or refuses (MD5, another signer, other content); what contracts'
 * {@link BatchSignature} makes (the platform's ACRF and answers), {@code openssl cms -verify} accepts. Needs no
 * running suite, only openssl and ssh-keygen.
 */
class OpenSslBatchSignatureTest {

    @TempDir
    static Path dir;
    private static final byte[] FI = "<BatchRequest>a</BatchRequest>\r\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void material() throws Exception {
        Path script = Path.of(System.getProperty("suite.root", "..")).resolve("scripts/batch-channel-material.sh");
        BatchChannel.Exec run = BatchChannel.exec(List.of("bash", script.toString(), dir.toString()));
        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void ourVerifierAcceptsWhatOpensslSignsWithSha256OrSha1AndRefusesMd5AnotherSignerAndOtherContent()
            throws Exception {
        BatchSignatureVerifier verifier = new BatchSignatureVerifier(List.of(certificate("BE_EMPLOYER")));
        byte[] sha256 = BatchChannel.sign(FI, "sha256", key("BE_EMPLOYER"), cert("BE_EMPLOYER"));
        assertThat(new String(sha256, StandardCharsets.US_ASCII)).as("76 columns, CR only")
                .contains("\r").doesNotContain("\n");
        assertThat(verify(verifier, FI, sha256)).isEqualTo(SignatureVerdict.Reason.VALID);
        assertThat(verify(verifier, FI, BatchChannel.sign(FI, "sha1", key("BE_EMPLOYER"), cert("BE_EMPLOYER"))))
                .isEqualTo(SignatureVerdict.Reason.VALID);
        assertThat(verify(verifier, FI, BatchChannel.sign(FI, "md5", key("BE_EMPLOYER"), cert("BE_EMPLOYER"))))
                .isEqualTo(SignatureVerdict.Reason.DIGEST_NOT_ALLOWED);
        assertThat(verify(verifier, FI, BatchChannel.sign(FI, "sha256", key("BE_SOCSEC"), cert("BE_SOCSEC"))))
                .isEqualTo(SignatureVerdict.Reason.UNTRUSTED_SIGNER);
        assertThat(verify(verifier, "other".getBytes(StandardCharsets.UTF_8), sha256))
                .isEqualTo(SignatureVerdict.Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void opensslVerifiesWhatOurSignerMakesAndOnlyForTheSignedBytes() throws Exception {
        String pem = Files.readString(key("BE_TRAINING")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        for (BatchSignature.Encoding encoding : BatchSignature.Encoding.values()) {
            byte[] fs = new BatchSignature(key, certificate("BE_TRAINING"), BatchSignature.Digest.SHA256, encoding)
                    .sign(new ByteArrayInputStream(FI));
            Path fo = Files.write(dir.resolve("fo-" + encoding), FI);
            Path signature = Files.write(dir.resolve("fs-" + encoding), fs);
            assertThat(BatchChannel.opensslVerifies(fo, signature, cert("BE_TRAINING"))).as(encoding.name()).isTrue();
            assertThat(BatchChannel.opensslVerifies(fo, signature, cert("BE_SOCSEC"))).as("another CA").isFalse();
            Path other = Files.writeString(dir.resolve("other-" + encoding), "other");
            assertThat(BatchChannel.opensslVerifies(other, signature, cert("BE_TRAINING"))).isFalse();
        }
    }

    private static SignatureVerdict.Reason verify(BatchSignatureVerifier verifier, byte[] fi, byte[] fs) {
        return verifier.verify(new ByteArrayInputStream(fi), fs, Instant.now()).reason();
    }

    private static Path key(String user) {
        return dir.resolve(user).resolve("signing-key.pem");
    }

    private static Path cert(String user) {
        return dir.resolve(user).resolve("signing-certificate.pem");
    }

    private static X509Certificate certificate(String user) throws Exception {
        try (var in = Files.newInputStream(cert(user))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
