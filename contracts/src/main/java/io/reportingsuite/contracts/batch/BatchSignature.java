package io.reportingsuite.contracts.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Creates FS signature files (SPEC §5.3): a detached CMS SignedData over the FI bytes, RSA with SHA-256
 * or SHA-1, Base64 on one line or in 76-character columns separated by a single CR.
 *
 * <p>BouncyCastle is used for the CMS structure only; the RSA and digest primitives come from the JDK's
 * own providers, so nothing is registered globally and native images need no extra provider set-up.
 */
public final class BatchSignature {

    /** The digests the batch channel accepts; MD5, though tolerated by social security, is not offered. */
    public enum Digest {
        SHA256("SHA256withRSA", "2.16.840.1.101.3.4.2.1"),
        SHA1("SHA1withRSA", "1.3.14.3.2.26");

        private final String signatureAlgorithm;
        private final String oid;

        Digest(String signatureAlgorithm, String oid) {
            this.signatureAlgorithm = signatureAlgorithm;
            this.oid = oid;
        }

        String oid() {
            return oid;
        }
    }

    /** How the Base64 text is laid out in the FS file. */
    public enum Encoding {
        SINGLE_LINE,
        COLUMNS_76
    }

    static final int MIN_RSA_BITS = 1024;
    private static final int COLUMN = 76;
    private static final byte CR = 0x0D;

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Digest digest;
    private final Encoding encoding;

    /** The key must be the RSA key of the certificate registered for the sender (at least 1024 bits). */
    public BatchSignature(PrivateKey key, X509Certificate certificate, Digest digest, Encoding encoding) {
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("The signing certificate must carry an RSA key of at least "
                    + MIN_RSA_BITS + " bits.");
        }
    }

    /** SHA-256, one line. */
    public BatchSignature(PrivateKey key, X509Certificate certificate) {
        this(key, certificate, Digest.SHA256, Encoding.SINGLE_LINE);
    }

    /** The FS file content for the FI content read from {@code fi}; the FI is streamed, not buffered. */
    public byte[] sign(InputStream fi) throws IOException {
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        CMSSignedDataStreamGenerator generator = generator();
        // encapsulate=false: the FI travels as its own file, the FS carries only the signature.
        try (OutputStream content = generator.open(der, false)) {
            fi.transferTo(content);
        }
        return encode(der.toByteArray(), encoding);
    }

    public byte[] sign(Path fi) throws IOException {
        try (InputStream in = Files.newInputStream(fi)) {
            return sign(in);
        }
    }

    private CMSSignedDataStreamGenerator generator() {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(digest.signatureAlgorithm).build(key);
            CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(signer, certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return generator;
        } catch (OperatorCreationException | CertificateEncodingException | CMSException e) {
            throw new IllegalArgumentException("The key and certificate cannot sign with " + digest + ".", e);
        }
    }

    static byte[] encode(byte[] der, Encoding encoding) {
        byte[] base64 = Base64.getEncoder().encode(der);
        if (encoding == Encoding.SINGLE_LINE) {
            return base64;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(base64.length + base64.length / COLUMN);
        for (int i = 0; i < base64.length; i += COLUMN) {
            if (i > 0) {
                out.write(CR);
            }
            out.write(base64, i, Math.min(COLUMN, base64.length - i));
        }
        return out.toByteArray();
    }

    /** Base64 in any of the layouts met in practice: one line, or lines ended by CR, CRLF or LF. */
    static byte[] decode(byte[] fs) {
        String text = new String(fs, StandardCharsets.US_ASCII).replace("\r", "").replace("\n", "");
        return Base64.getDecoder().decode(text);
    }
}
