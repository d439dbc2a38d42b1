package io.reportingsuite.contracts.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.batch.BatchSignature;
import io.reportingsuite.contracts.batch.BatchSignatureVerifier;
import io.reportingsuite.contracts.batch.SignatureVerdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Property-based fuzzing of the FS verifier (SPEC §5.3; issue 14): garbage, truncated and bit-flipped
 * signature files, and altered FI content, always give a {@link SignatureVerdict} — never an exception — and
 * only the untouched pair is valid.
 */
class BatchSignatureVerifierPropertiesTest {

    static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");
    static final byte[] FI = "<BatchRequest>fuzz</BatchRequest>\r\n".getBytes(StandardCharsets.US_ASCII);
    static BatchSignatureVerifier verifier;
    static byte[] validFs;

    @BeforeContainer
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Fuzz sender 100001");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(Instant.parse("2026-01-01T00:00:00Z")),
                Date.from(Instant.parse("2028-01-01T00:00:00Z")), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        verifier = new BatchSignatureVerifier(List.of(certificate));
        validFs = new BatchSignature(pair.getPrivate(), certificate).sign(new ByteArrayInputStream(FI));
    }

    @Property(tries = 1500)
    void everySignatureFileGetsAVerdict(@ForAll("signatures") byte[] fs) {
        SignatureVerdict verdict = verifier.verify(new ByteArrayInputStream(FI), fs, AT);
        assertThat(verdict).isNotNull();
        if (Arrays.equals(fs, validFs)) {
            assertThat(verdict.isValid()).isTrue();
        } else if (!verdict.isValid()) {
            assertThat(verdict.finding()).isPresent();
            assertThat(verdict.message()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void alteredContentNeverVerifies(@ForAll("contents") byte[] fi) throws IOException {
        SignatureVerdict verdict = verifier.verify(new ByteArrayInputStream(fi), validFs, AT);
        assertThat(verdict.isValid()).isEqualTo(Arrays.equals(fi, FI));
    }

    @Provide
    Arbitrary<byte[]> signatures() {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, validFs.length - 1).flatMap(at ->
                Arbitraries.integers().between(0, 255).map(value -> {
                    byte[] copy = validFs.clone();
                    copy[at] = (byte) value.intValue();
                    return copy;
                }));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, validFs.length)
                .map(n -> Arrays.copyOf(validFs, n));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<byte[]> base64ish = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=\r\n")
                .ofMaxLength(3000).map(s -> s.getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.oneOf(Arbitraries.just(validFs), flipped, truncated, random, base64ish);
    }

    @Provide
    Arbitrary<byte[]> contents() {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, FI.length - 1).map(at -> {
            byte[] copy = FI.clone();
            copy[at] ^= 0x01;
            return copy;
        });
        return Arbitraries.oneOf(Arbitraries.just(FI), flipped,
                Arbitraries.integers().between(0, FI.length - 1).map(n -> Arrays.copyOf(FI, n)));
    }
}
