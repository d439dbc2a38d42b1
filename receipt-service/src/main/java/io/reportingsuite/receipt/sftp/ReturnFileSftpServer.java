package io.reportingsuite.receipt.sftp;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.receipt.config.ReceiptAreas;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

/**
 * The embedded SFTP server of EP_FS3 (Apache MINA SSHD). Each case system logs in as its SFTP user with its
 * own key (no passwords), is chrooted to its own folder and may list, download and delete there, nothing
 * else. The host key is kept under the data directory, so clients can pin it. Only current algorithms:
 * curve25519/ECDH key exchange, AES-GCM/ChaCha20/AES-CTR, SHA-2 MACs, Ed25519/ECDSA/RSA-SHA2 signatures.
 */
@ApplicationScoped
public class ReturnFileSftpServer {

    private static final Logger LOG = Logger.getLogger(ReturnFileSftpServer.class);

    private final CaseSystemRegistry registry;
    private final ReceiptAreas areas;
    private final ReceiptConfig config;
    private SshServer server;
    private Map<String, Path> generatedKeys = Map.of();

    public ReturnFileSftpServer(CaseSystemRegistry registry, ReceiptAreas areas, ReceiptConfig config) {
        this.registry = registry;
        this.areas = areas;
        this.config = config;
    }

    void start(@Observes StartupEvent event) throws IOException, GeneralSecurityException {
        if (!config.sftp().enabled()) {
            return;
        }
        SftpUserKeys.Resolved keys = SftpUserKeys.resolve(registry, config);
        generatedKeys = keys.generated();

        VirtualFileSystemFactory chroot = new VirtualFileSystemFactory();
        for (RegisteredSystem system : registry.all()) {
            Path folder = areas.folderOf(system).toAbsolutePath();
            Files.createDirectories(folder);
            chroot.setUserHomeDir(system.sftpUser(), folder);
        }
        Files.createDirectories(areas.quarantine());

        server = SshServer.setUpDefaultServer();
        server.setHost(config.sftp().host());
        server.setPort(config.sftp().port());
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(
                config.dataDir().resolve("ssh_host_ecdsa_key"));
        hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKey.setKeySize(256);
        server.setKeyPairProvider(hostKey);
        server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, List.of(
                BuiltinDHFactories.curve25519, BuiltinDHFactories.curve25519_libssh, BuiltinDHFactories.ecdhp256,
                BuiltinDHFactories.ecdhp384, BuiltinDHFactories.ecdhp521), ServerBuilder.DH2KEX));
        server.setCipherFactories(new ArrayList<>(List.of(BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128gcm,
                BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes256ctr, BuiltinCiphers.aes192ctr,
                BuiltinCiphers.aes128ctr)));
        server.setMacFactories(new ArrayList<>(List.of(BuiltinMacs.hmacsha512etm, BuiltinMacs.hmacsha256etm,
                BuiltinMacs.hmacsha512, BuiltinMacs.hmacsha256)));
        server.setSignatureFactories(new ArrayList<>(List.of(BuiltinSignatures.ed25519, BuiltinSignatures.nistp256,
                BuiltinSignatures.nistp384, BuiltinSignatures.nistp521, BuiltinSignatures.rsaSHA512,
                BuiltinSignatures.rsaSHA256)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        Map<String, List<PublicKey>> authorized = keys.keys();
        server.setPublickeyAuthenticator((username, key, session) -> authorized.getOrDefault(username, List.of())
                .stream().anyMatch(candidate -> KeyUtils.compareKeys(candidate, key)));
        server.setFileSystemFactory(chroot);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new ReadAndDeleteOnly());
        sftp.addSftpEventListener(new SftpAudit());
        server.setSubsystemFactories(List.of(sftp));
        // No shell, exec or forwarding: an SFTP-only server.
        server.setShellFactory(null);
        server.setCommandFactory(null);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, config.sftp().idleTimeout());
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(server, config.sftp().maxSessionsPerUser());
        server.start();
        LOG.infof("SFTP server for return files on %s:%d, users %s", config.sftp().host(), port(),
                authorized.keySet());
        writeConnectionFile();
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getPort();
    }

    /**
     * {@code <data-dir>/sftp-users.txt}: one line per case system, {@code SYSTEM USER HOST PORT PRIVATE-KEY}
     * ({@code -} when the key is not one we generated), read by scripts/endpoints.d/30-receipt-sftp.sh.
     */
    private void writeConnectionFile() throws IOException {
        StringBuilder lines = new StringBuilder("# receipt-service SFTP users: SYSTEM USER HOST PORT PRIVATE-KEY\n");
        for (RegisteredSystem system : registry.all()) {
            Path key = generatedKeys.get(system.sftpUser());
            lines.append(system.name()).append(' ').append(system.sftpUser()).append(' ')
                    .append(config.sftp().host()).append(' ').append(port()).append(' ')
                    .append(key == null ? "-" : key.toString()).append('\n');
        }
        Files.createDirectories(config.dataDir());
        Files.writeString(config.dataDir().resolve("sftp-users.txt"), lines);
    }
}
