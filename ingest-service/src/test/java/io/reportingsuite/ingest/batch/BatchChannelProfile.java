package io.reportingsuite.ingest.batch;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.reportingsuite.support.signing.PlatformSigningKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The batch channel with three channels (an employer, a social secretariat, a training provider; each its own
 * enterprise number, sender number, SSH key and RSA signing certificate — the employer's 2048 bits, the
 * secretariat's 1024), small limits (64 KiB files, 20 files per folder), and a data directory of its own. Key
 * material is generated once per JVM into files (the profile and the tests may live in different class loaders):
 * OpenSSH key pairs, PEM certificates and PEM private keys, plus a stranger's certificate registered nowhere.
 */
public class BatchChannelProfile implements QuarkusTestProfile {

    static final Path DATA = tempDirectory();
    static final Path KEYS = DATA.resolve("test-keys");
    static final long MAX_FILE_SIZE = 64 * 1024;
    static final int MAX_FILES = 20;

    static final String EMPLOYER = "BE_EMPLOYER";
    static final String SOCSEC = "BE_SOCSEC";
    static final String TRAINING = "BE_TRAINING";
    static final String EMPLOYER_SENDER = "100001";
    static final String SOCSEC_SENDER = "100002";
    static final String TRAINING_SENDER = "100004";
    static final String EMPLOYER_CBE = "0100000169";
    static final String SOCSEC_CBE = "0200000241";
    static final String TRAINING_CBE = "0400000482";
    /** An employer with no channel of its own, for whom the secretariat may hold mandates. */
    static final String CLIENT_CBE = "0300000313";
    /** Another employer, for mandates that are expired, revoked or absent. */
    static final String OTHER_CBE = "0500000554";
    static final String STRANGER = "STRANGER";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("ingest.data-dir", DATA.resolve("ingest").toString());
        config.put("ingest.batch-channel.generate-dev-keys", "false");
        config.put("ingest.batch-channel.max-file-size", Long.toString(MAX_FILE_SIZE));
        config.put("ingest.batch-channel.max-files", Integer.toString(MAX_FILES));
        config.put("ingest.retention.warning-channel", "LOG");
        channel(config, EMPLOYER, EMPLOYER_SENDER, "EMPLOYER", EMPLOYER_CBE, 2048);
        channel(config, SOCSEC, SOCSEC_SENDER, "SOCIAL_SECRETARIAT", SOCSEC_CBE, 1024);
        channel(config, TRAINING, TRAINING_SENDER, "TRAINING_PROVIDER", TRAINING_CBE, 2048);
        return config;
    }

    private static void channel(Map<String, String> config, String user, String sender, String quality, String cbe,
                                int bits) {
        String prefix = "ingest.batch-channel.channels." + user + ".";
        config.put(prefix + "sender-number", sender);
        config.put(prefix + "quality", quality);
        config.put(prefix + "company-id", cbe);
        config.put(prefix + "authorized-keys", publicKey(user).toString());
        config.put(prefix + "signing-certificates", certificatePem(user, bits).toString());
    }

    /** The channel's (or anybody's) SSH key pair. */
    static synchronized KeyPair sshKey(String name) {
        Path privateKey = KEYS.resolve(name);
        try {
            if (!Files.exists(privateKey)) {
                Files.createDirectories(KEYS);
                KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
                Path part = KEYS.resolve(name + ".part");
                Files.deleteIfExists(part);
                Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (OutputStream out = Files.newOutputStream(part)) {
                    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, name, null, out);
                }
                try (OutputStream out = Files.newOutputStream(KEYS.resolve(name + ".pub"))) {
                    OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), name, out);
                }
                Files.move(part, privateKey);
            }
            return new FileKeyPairProvider(privateKey).loadKeys(null).iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path publicKey(String name) {
        sshKey(name);
        return KEYS.resolve(name + ".pub");
    }

    /** The PEM file of the name's signing certificate, generated with an RSA key of {@code bits} at first use. */
    static synchronized Path certificatePem(String name, int bits) {
        Path cert = KEYS.resolve(name + ".cert.pem");
        Path key = KEYS.resolve(name + ".key.pem");
        try {
            if (!Files.exists(cert)) {
                Files.createDirectories(KEYS);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(bits);
                KeyPair pair = generator.generateKeyPair();
                X500Name subject = new X500Name("CN=" + name + " batch signing (test),O=reporting-suite-test");
                Instant now = Instant.now();
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                        new BigInteger(64, new java.security.SecureRandom()).abs().add(BigInteger.ONE),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
                        pair.getPublic());
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                        new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
                Files.writeString(key, PlatformSigningKey.pem(pair.getPrivate()));
                Files.writeString(cert, PlatformSigningKey.pem(certificate));
            }
            return cert;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(String name) throws IOException {
        return PlatformSigningKey.readCertificate(certificatePem(name, 2048));
    }

    static PrivateKey signingKey(String name) throws IOException {
        certificatePem(name, 2048);
        return PlatformSigningKey.readKey(KEYS.resolve(name + ".key.pem"));
    }

    private static synchronized Path tempDirectory() {
        String existing = System.getProperty("batch-channel-test.data");
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path created = Files.createTempDirectory("batch-channel-test");
            System.setProperty("batch-channel-test.data", created.toString());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
