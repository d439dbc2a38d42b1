package io.reportingsuite.support.sftp;

import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The public keys each SFTP user may log in with: the registry's {@code authorized-keys} (OpenSSH lines or
 * files), or, for local runs, a key pair generated on first start under {@code <data-dir>/sftp-keys/<user>}
 * (OpenSSH format, owner-only), so {@code sftp -i} works with it directly. Each service that runs an SFTP server
 * has its own data directory, so its own dev pairs.
 */
public final class SftpUserKeys {

    private SftpUserKeys() {
    }

    /** The authorized keys per SFTP user, plus the private-key files generated (user → path). */
    public record Resolved(Map<String, List<PublicKey>> keys, Map<String, Path> generated) {
    }

    /**
     * @param dataDir         the service's data directory ({@code sftp-keys/} below it holds the dev pairs)
     * @param generateDevKeys generate a pair for each system without a configured key (local runs only)
     * @param keyComment      comment of a generated key after the user name, e.g. {@code receipt-service-dev}
     */
    public static Resolved resolve(CaseSystemRegistry registry, Path dataDir, boolean generateDevKeys,
                                   String keyComment) throws IOException, GeneralSecurityException {
        Map<String, List<String>> configured = new LinkedHashMap<>();
        for (RegisteredSystem system : registry.all()) {
            configured.put(system.sftpUser(), system.config().authorizedKeys().orElse(List.of()));
        }
        return resolve(configured, dataDir, generateDevKeys, keyComment);
    }

    /**
     * The same for SFTP users that are not case systems (e.g. ingest's batch channels).
     *
     * @param configured the configured {@code authorized-keys} values per SFTP user (OpenSSH lines or files);
     *                   an empty list = none configured
     * @param dataDir    the directory whose {@code sftp-keys/} holds the dev pairs
     */
    public static Resolved resolve(Map<String, List<String>> configured, Path dataDir, boolean generateDevKeys,
                                   String keyComment) throws IOException, GeneralSecurityException {
        Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        Map<String, Path> generated = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> user : configured.entrySet()) {
            List<PublicKey> userKeys = new ArrayList<>();
            for (String value : user.getValue()) {
                userKeys.addAll(parse(value));
            }
            if (user.getValue().isEmpty() && generateDevKeys) {
                Path privateKey = dataDir.resolve("sftp-keys").resolve(user.getKey());
                userKeys.add(devKey(privateKey, user.getKey() + "@" + keyComment));
                generated.put(user.getKey(), privateKey.toAbsolutePath());
            }
            keys.put(user.getKey(), Collections.unmodifiableList(userKeys));
        }
        return new Resolved(keys, generated);
    }

    private static List<PublicKey> parse(String value) throws IOException, GeneralSecurityException {
        String trimmed = value.trim();
        List<AuthorizedKeyEntry> entries = trimmed.startsWith("ssh-") || trimmed.startsWith("ecdsa-")
                ? List.of(AuthorizedKeyEntry.parseAuthorizedKeyEntry(trimmed))
                : AuthorizedKeyEntry.readAuthorizedKeys(Path.of(trimmed));
        List<PublicKey> keys = new ArrayList<>();
        for (AuthorizedKeyEntry entry : entries) {
            keys.add(entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING));
        }
        return keys;
    }

    /** Reuses the pair of an earlier run, or generates an ECDSA P-256 pair. */
    private static PublicKey devKey(Path privateKey, String comment) throws IOException, GeneralSecurityException {
        Path publicKey = privateKey.resolveSibling(privateKey.getFileName() + ".pub");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return parse(publicKey.toString()).get(0);
        }
        Files.createDirectories(privateKey.getParent());
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Files.deleteIfExists(privateKey);
        Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
        }
        try (OutputStream out = Files.newOutputStream(publicKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), comment, out);
        }
        return pair.getPublic();
    }
}
