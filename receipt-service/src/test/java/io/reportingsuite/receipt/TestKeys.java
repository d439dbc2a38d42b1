package io.reportingsuite.receipt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** Key pairs the tests log in with, one per case system, made fresh for each test JVM (never committed). */
final class TestKeys {

    private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    static KeyPair of(String user) {
        return PAIRS.computeIfAbsent(user, u -> {
            try {
                return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Writes {@code <dir>/<user>} (private, OpenSSH format, 0600) and {@code <user>.pub}; returns the .pub. */
    static Path write(Path dir, String user) {
        try {
            Files.createDirectories(dir);
            Path privateKey = dir.resolve(user);
            Path publicKey = dir.resolve(user + ".pub");
            KeyPair pair = of(user);
            Files.deleteIfExists(privateKey);
            Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(privateKey)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, user, null, out);
            }
            try (OutputStream out = Files.newOutputStream(publicKey)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), user, out);
            }
            return publicKey;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
