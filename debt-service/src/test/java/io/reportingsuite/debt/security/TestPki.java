package io.reportingsuite.debt.security;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI made with BouncyCastle for one test run: a CA, certificates it signs (server, clients),
 * and PKCS#12 key and trust stores on disk for Quarkus' TLS registry.
 */
final class TestPki {

    static final String PASSWORD = "changeit";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key with its certificate chain (leaf first). */
    record Identity(PrivateKey key, X509Certificate... chain) {
    }

    private TestPki() {
    }

    static Identity ca(String name) throws Exception {
        KeyPair keys = rsa();
        X500Name subject = new X500Name("CN=" + name + ",O=Reporting Suite test");
        JcaX509v3CertificateBuilder b = builder(subject, subject, keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Identity(keys.getPrivate(), sign(b, keys.getPrivate()));
    }

    static Identity server(Identity ca) throws Exception {
        KeyPair keys = rsa();
        JcaX509v3CertificateBuilder b = builder(issuer(ca), new X500Name("CN=localhost"), keys);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new Identity(keys.getPrivate(), sign(b, ca.key()), ca.chain()[0]);
    }

    static Identity client(Identity ca, String commonName) throws Exception {
        KeyPair keys = rsa();
        JcaX509v3CertificateBuilder b = builder(issuer(ca), new X500Name("CN=" + commonName + ",O=Consumer,C=BE"), keys);
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new Identity(keys.getPrivate(), sign(b, ca.key()), ca.chain()[0]);
    }

    static KeyStore keyStore(Identity id) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", id.key(), PASSWORD.toCharArray(), id.chain());
        return store;
    }

    static KeyStore trustStore(X509Certificate... trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        return store;
    }

    static Path write(KeyStore store, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file.toAbsolutePath();
    }

    private static X500Name issuer(Identity ca) {
        return X500Name.getInstance(ca.chain()[0].getSubjectX500Principal().getEncoded());
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
