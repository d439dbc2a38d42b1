package io.reportingsuite.support.signing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.reportingsuite.contracts.batch.BatchSignature;

/**
 * The platform's own signing key for the files it writes into a batch channel's OUT/OUTTEST (ACRF, answers;
 * SPEC §5.3–5.4): an RSA private key and its X.509 certificate, both PEM files. In production both come from
 * a Secret; for local runs and tests {@link #loadOrCreate} generates a self-signed development pair on first
 * use (RSA 2048, SHA-256, 2 years) and every later start — of this service or another one pointed at the same
 * files — loads the same pair. Creation is guarded by a lock file, so two services starting together agree.
 */
public final class PlatformSigningKey {

    /** The subject of a generated development certificate; never used for a production key. */
    public static final String DEV_SUBJECT = "CN=Reporting suite platform signing key (development),O=reporting-suite";

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    public PlatformSigningKey(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A signer for FS files: detached CMS, RSA with SHA-256, Base64 in 76-character columns (SPEC §5.3). */
    public BatchSignature signer() {
        return new BatchSignature(privateKey, certificate, BatchSignature.Digest.SHA256,
                BatchSignature.Encoding.COLUMNS_76);
    }

    /** Loads the pair; fails when either file is missing or unreadable. */
    public static PlatformSigningKey load(Path keyPem, Path certificatePem) throws IOException {
        return new PlatformSigningKey(readKey(keyPem), readCertificate(certificatePem));
    }

    /**
     * Loads the pair, or generates a development pair first when neither file exists. One file without the
     * other is an error (a half-copied Secret must not be silently replaced).
     */
    public static PlatformSigningKey loadOrCreate(Path keyPem, Path certificatePem, Clock clock) throws IOException {
        if (Files.exists(keyPem) && Files.exists(certificatePem)) {
            return load(keyPem, certificatePem);
        }
        Path dir = keyPem.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(keyPem.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            boolean key = Files.exists(keyPem);
            boolean cert = Files.exists(certificatePem);
            if (key && cert) {
                return load(keyPem, certificatePem);
            }
            if (key || cert) {
                throw new IOException("platform signing key: " + (key ? certificatePem : keyPem)
                        + " is missing while " + (key ? keyPem : certificatePem) + " exists; provide both or neither");
            }
            PlatformSigningKey created = generate(clock);
            writeAtomically(keyPem, pem(created.privateKey));
            writeAtomically(certificatePem, pem(created.certificate));
            return created;
        }
    }

    /** A new self-signed development pair (not written anywhere). */
    public static PlatformSigningKey generate(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name subject = new X500Name(DEV_SUBJECT);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(730))), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new PlatformSigningKey(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot generate the development signing key", e);
        }
    }

    /** Reads a PEM certificate. */
    public static X509Certificate readCertificate(Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new IOException(pem + " holds no PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(pem + " holds no readable certificate", e);
        }
    }

    /** Reads a PEM private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}). */
    public static PrivateKey readKey(Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(pem + " holds no unencrypted PEM private key");
        }
    }

    /** PEM text of a key or certificate. */
    public static String pem(Object keyOrCertificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(keyOrCertificate);
        }
        return text.toString();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII)) {
            writer.write(content);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
