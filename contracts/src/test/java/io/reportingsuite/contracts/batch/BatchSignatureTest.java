package io.reportingsuite.contracts.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reportingsuite.contracts.batch.SignatureVerdict.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchSignatureTest {

    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final byte[] FI = "<DmfA>declaration content</DmfA>\r\n".getBytes(StandardCharsets.US_ASCII);

    private static KeyPair sender;
    private static X509Certificate senderCert;
    private static X509Certificate expiredCert;
    private static KeyPair stranger;
    private static X509Certificate strangerCert;
    private static KeyPair weak;
    private static X509Certificate weakCert;
    private static BatchSignatureVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        sender = rsa(2048);
        senderCert = certificate(sender, "CN=Sender 112768", 1, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
        expiredCert = certificate(sender, "CN=Sender 112768", 2, "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z");
        stranger = rsa(1024);
        strangerCert = certificate(stranger, "CN=Stranger", 3, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
        weak = rsa(512);
        weakCert = certificate(weak, "CN=Weak", 4, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
        verifier = new BatchSignatureVerifier(List.of(senderCert, expiredCert, weakCert));
    }

    @ParameterizedTest
    @EnumSource(BatchSignature.Digest.class)
    void signedFileVerifiesInBothEncodings(BatchSignature.Digest digest) throws IOException {
        for (BatchSignature.Encoding encoding : BatchSignature.Encoding.values()) {
            byte[] fs = new BatchSignature(sender.getPrivate(), senderCert, digest, encoding).sign(stream(FI));
            assertThat(verify(FI, fs)).isEqualTo(SignatureVerdict.valid());
        }
    }

    @Test
    void columnsAre76CharactersSeparatedByASingleCr() throws IOException {
        String fs = new String(new BatchSignature(sender.getPrivate(), senderCert, BatchSignature.Digest.SHA256,
                BatchSignature.Encoding.COLUMNS_76).sign(stream(FI)), StandardCharsets.US_ASCII);
        assertThat(fs).doesNotContain("\n").doesNotEndWith("\r");
        String[] lines = fs.split("\r");
        assertThat(lines.length).isGreaterThan(1);
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i]).hasSize(76);
        }
        assertThat(lines[lines.length - 1].length()).isBetween(1, 76);
    }

    @Test
    void singleLineHasNoLineBreak() throws IOException {
        String fs = new String(new BatchSignature(sender.getPrivate(), senderCert).sign(stream(FI)),
                StandardCharsets.US_ASCII);
        assertThat(fs).doesNotContain("\r", "\n").matches("[A-Za-z0-9+/=]+");
    }

    @Test
    void toleratesCrLfAndLfLineBreaks() throws IOException {
        String fs = new String(new BatchSignature(sender.getPrivate(), senderCert, BatchSignature.Digest.SHA256,
                BatchSignature.Encoding.COLUMNS_76).sign(stream(FI)), StandardCharsets.US_ASCII);
        assertThat(verify(FI, fs.replace("\r", "\r\n").getBytes(StandardCharsets.US_ASCII)).isValid()).isTrue();
        assertThat(verify(FI, (fs.replace("\r", "\n") + "\n").getBytes(StandardCharsets.US_ASCII)).isValid())
                .isTrue();
    }

    @Test
    void tamperedContentFails() throws IOException {
        byte[] fs = new BatchSignature(sender.getPrivate(), senderCert).sign(stream(FI));
        byte[] tampered = FI.clone();
        tampered[3] ^= 1;
        SignatureVerdict verdict = verify(tampered, fs);
        assertThat(verdict.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(verdict.finding()).hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo("S07"));
    }

    @Test
    void unknownSignerIsRejected() throws IOException {
        byte[] fs = new BatchSignature(stranger.getPrivate(), strangerCert).sign(stream(FI));
        assertThat(verify(FI, fs).reason()).isEqualTo(Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void certificateOutsideItsValidityIsRejected() throws IOException {
        byte[] fs = new BatchSignature(sender.getPrivate(), expiredCert).sign(stream(FI));
        assertThat(verify(FI, fs).reason()).isEqualTo(Reason.CERTIFICATE_NOT_VALID);
        byte[] current = new BatchSignature(sender.getPrivate(), senderCert).sign(stream(FI));
        assertThat(verifier.verify(stream(FI), current, Instant.parse("2024-12-31T23:59:59Z")).reason())
                .isEqualTo(Reason.CERTIFICATE_NOT_VALID);
    }

    @Test
    void md5AndOtherDigestsAreRejected() throws Exception {
        assertThat(verify(FI, cmsSign("MD5withRSA", sender, senderCert)).reason())
                .isEqualTo(Reason.DIGEST_NOT_ALLOWED);
        assertThat(verify(FI, cmsSign("SHA512withRSA", sender, senderCert)).reason())
                .isEqualTo(Reason.DIGEST_NOT_ALLOWED);
        assertThat(verify(FI, cmsSign("SHA256withRSA", sender, senderCert)).isValid()).isTrue();
    }

    @Test
    void keysBelow1024BitsAreRejected() throws Exception {
        assertThat(verify(FI, cmsSign("SHA256withRSA", weak, weakCert)).reason()).isEqualTo(Reason.KEY_NOT_ALLOWED);
        assertThatThrownBy(() -> new BatchSignature(weak.getPrivate(), weakCert))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encapsulatedContentIsIgnoredInFavourOfTheFiFile() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(sender.getPrivate()), senderCert));
        byte[] fs = Base64.getEncoder().encode(
                generator.generate(new CMSProcessableByteArray(FI), true).getEncoded());
        assertThat(verify(FI, fs).isValid()).isTrue();
        assertThat(verify("other content".getBytes(StandardCharsets.US_ASCII), fs).reason())
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void twoSignersAreRejected() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        for (KeyPair key : List.of(sender, stranger)) {
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()),
                            key == sender ? senderCert : strangerCert));
        }
        byte[] fs = Base64.getEncoder().encode(
                generator.generate(new CMSProcessableByteArray(FI), false).getEncoded());
        assertThat(verify(FI, fs).reason()).isEqualTo(Reason.SIGNER_COUNT);
    }

    @Test
    void garbageIsAClearFailureNeverAnException() {
        List<byte[]> garbage = List.of(new byte[0], "not base64 at all!".getBytes(StandardCharsets.US_ASCII),
                Base64.getEncoder().encode("plain text, not CMS".getBytes(StandardCharsets.US_ASCII)),
                Base64.getEncoder().encode(new byte[] {0x30, (byte) 0x82, 0x7f, 0x7f, 0x06, 0x09}),
                new byte[BatchSignatureVerifier.MAX_FS_BYTES + 1]);
        for (byte[] fs : garbage) {
            SignatureVerdict verdict = verify(FI, fs);
            assertThat(verdict.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(verdict.message()).doesNotContain("DmfA");
        }
    }

    @Test
    void unreadableContentIsAVerdict() throws IOException {
        byte[] fs = new BatchSignature(sender.getPrivate(), senderCert).sign(stream(FI));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThat(verifier.verify(broken, fs, AT).reason()).isEqualTo(Reason.CONTENT_UNREADABLE);
    }

    @Test
    void streamsLargeFilesFromPaths(@TempDir Path dir) throws IOException {
        Path fi = dir.resolve("FI.DMFA.112768.20250109.00014.R.1.1");
        try (OutputStream out = Files.newOutputStream(fi)) {
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                block[i] = (byte) i;
                out.write(block);
            }
        }
        Path fs = dir.resolve("FS.DMFA.112768.20250109.00014.R.1.1");
        BatchSignature signature = new BatchSignature(sender.getPrivate(), senderCert, BatchSignature.Digest.SHA1,
                BatchSignature.Encoding.COLUMNS_76);
        Files.write(fs, signature.sign(fi));
        assertThat(verifier.verify(fi, fs, AT).isValid()).isTrue();
        assertThat(verifier.verify(fi, dir.resolve("missing"), AT).reason()).isEqualTo(Reason.MALFORMED);
        assertThat(verifier.verify(dir.resolve("missing"), fs, AT).reason()).isEqualTo(Reason.CONTENT_UNREADABLE);
    }

    private static SignatureVerdict verify(byte[] fi, byte[] fs) {
        return verifier.verify(stream(fi), fs, AT);
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /** A detached CMS signature made directly with BouncyCastle, for algorithms our signer refuses. */
    private static byte[] cmsSign(String algorithm, KeyPair key, X509Certificate cert) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate()), cert));
        generator.addCertificate(new JcaX509CertificateHolder(cert));
        return Base64.getEncoder().encode(generator.generate(new CMSProcessableByteArray(FI), false).getEncoded());
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair key, String subject, long serial, String from, String to)
            throws Exception {
        X500Name name = new X500Name(subject);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial),
                Date.from(Instant.parse(from)), Date.from(Instant.parse(to)), name, key.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    }
}
