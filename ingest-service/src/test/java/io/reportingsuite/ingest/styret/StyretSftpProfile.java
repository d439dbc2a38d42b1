package io.reportingsuite.ingest.styret;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The Styret SFTP server with small limits (64 KiB files, 5 files per area, 2 sessions per user), a data
 * directory of its own and a fresh OpenSSH key pair per case system (plus one nobody registered), each under
 * the data directory, owner-only, so the OpenSSH client can use them too.
 */
public class StyretSftpProfile implements QuarkusTestProfile {

    static final Path DATA = tempDirectory();
    static final Path KEYS = DATA.resolve("test-keys");
    static final long MAX_FILE_SIZE = 64 * 1024;
    static final int MAX_FILES = 5;
    static final int MAX_SESSIONS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ingest.data-dir", DATA.resolve("ingest").toString(),
                "ingest.styret-sftp.generate-dev-keys", "false",
                "ingest.styret-sftp.max-file-size", Long.toString(MAX_FILE_SIZE),
                "ingest.styret-sftp.max-files", Integer.toString(MAX_FILES),
                "ingest.styret-sftp.max-sessions-per-user", Integer.toString(MAX_SESSIONS),
                "ingest.retention.warning-channel", "LOG",
                "suite.case-systems.KY.authorized-keys", publicKey("KY_STYRETSFTP").toString(),
                "suite.case-systems.KSD.authorized-keys", publicKey("KSD_STYRETSFTP").toString());
    }

    public static synchronized KeyPair key(String name) {
        Path privateKey = privateKey(name);
        try {
            if (!Files.exists(privateKey)) {
                create(name, privateKey);
            }
            return new FileKeyPairProvider(privateKey).loadKeys(null).iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path privateKey(String name) {
        return KEYS.resolve(name);
    }

    static Path publicKey(String name) {
        key(name);
        return KEYS.resolve(name + ".pub");
    }

    private static void create(String name, Path privateKey) throws IOException, GeneralSecurityException {
        Files.createDirectories(privateKey.getParent());
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path part = privateKey.resolveSibling(name + ".part");
        Files.deleteIfExists(part);
        Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(part)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, name, null, out);
        }
        try (OutputStream out = Files.newOutputStream(privateKey.resolveSibling(name + ".pub"))) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), name, out);
        }
        Files.move(part, privateKey);
    }

    /**
     * One directory per test JVM: the profile and the test class may be loaded by different class loaders
     * (Quarkus's and JUnit's), so the directory is kept in a system property, not in a static field alone.
     */
    private static synchronized Path tempDirectory() {
        String existing = System.getProperty("styret-sftp-test.data");
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path created = Files.createTempDirectory("styret-sftp-test");
            System.setProperty("styret-sftp-test.data", created.toString());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
