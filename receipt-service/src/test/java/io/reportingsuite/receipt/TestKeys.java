package io.reportingsuite.receipt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Key pairs the tests log in with, one per user, made fresh for each test JVM under the test data directory
 * (never committed). The files are the JVM-wide state: every application start and test class reads the
 * same pair.
 */
final class TestKeys {

    private TestKeys() {
    }

    static synchronized KeyPair of(String user) {
        Path privateKey = privateKey(user);
        try {
            if (!Files.exists(privateKey)) {
                create(user, privateKey);
            }
            return new FileKeyPairProvider(privateKey).loadKeys(null).iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The OpenSSH public-key file of the user's pair (created on first use). */
    static Path publicKey(String user) {
        of(user);
        return ReceiptTestResource.KEYS.resolve(user + ".pub");
    }

    private static Path privateKey(String user) {
        return ReceiptTestResource.KEYS.resolve(user);
    }

    private static void create(String user, Path privateKey) throws IOException, GeneralSecurityException {
        Files.createDirectories(privateKey.getParent());
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path part = privateKey.resolveSibling(user + ".part");
        Files.deleteIfExists(part);
        Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(part)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, user, null, out);
        }
        try (OutputStream out = Files.newOutputStream(privateKey.resolveSibling(user + ".pub"))) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), user, out);
        }
        Files.move(part, privateKey);
    }
}
