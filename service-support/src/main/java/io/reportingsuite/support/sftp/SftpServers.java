package io.reportingsuite.support.sftp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The one set-up of our embedded SFTP servers (Apache MINA SSHD), used by receipt-service (EP_FS3) and
 * ingest-service (EP_FS2): an SFTP-only server (no shell, exec or port forwarding), public-key login only
 * against the registry's keys, each user chrooted to its own folder, an ECDSA host key kept under the service's
 * data directory (so clients can pin it), only current algorithms (curve25519/ECDH key exchange,
 * AES-GCM/ChaCha20/AES-CTR, SHA-2 MACs, Ed25519/ECDSA/RSA-SHA2 signatures), an idle timeout and a limit of
 * concurrent sessions per user. Refused logins are audited.
 *
 * <p>Native image: MINA SSHD creates its I/O factory and its security-provider registrars by class name, and
 * the EdDSA provider its engines; they are registered here, as the quarkiverse quarkus-sshd extension does
 * (its listener proxies are in this module's {@code META-INF/native-image/.../proxy-config.json}).
 */
@RegisterForReflection(classNames = {
        "org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory",
        "org.apache.sshd.common.util.security.SunJCESecurityProviderRegistrar",
        "org.apache.sshd.common.util.security.bouncycastle.BouncyCastleSecurityProviderRegistrar",
        "org.apache.sshd.common.util.security.eddsa.EdDSASecurityProviderRegistrar",
        "net.i2p.crypto.eddsa.EdDSASecurityProvider",
        "net.i2p.crypto.eddsa.KeyFactory",
        "net.i2p.crypto.eddsa.KeyPairGenerator",
        "net.i2p.crypto.eddsa.EdDSAEngine"})
public final class SftpServers {

    /** The user name a session tried to log in as (its user name is set only after a successful login). */
    private static final AttributeRepository.AttributeKey<String> LOGIN_USER = new AttributeRepository.AttributeKey<>();

    private SftpServers() {
    }

    /**
     * @param host               interface to bind
     * @param port               port to bind; 0 picks a free one
     * @param hostKey            file of the host key (generated on first start)
     * @param idleTimeout        a session idle this long is closed
     * @param maxSessionsPerUser concurrent sessions one user may hold; more are refused at login
     */
    public record Settings(String host, int port, Path hostKey, Duration idleTimeout, int maxSessionsPerUser) {
    }

    /**
     * A configured, not yet started server.
     *
     * @param authorized the public keys per SFTP user
     * @param homes      the folder each user is chrooted to (created if missing)
     * @param sftp       the SFTP subsystem with the area's policy and audit
     * @param audit      where refused logins are written
     */
    public static SshServer create(Settings settings, Map<String, List<PublicKey>> authorized,
                                   Map<String, Path> homes, SftpSubsystemFactory sftp, SftpAudit audit)
            throws IOException {
        VirtualFileSystemFactory chroot = new VirtualFileSystemFactory();
        for (Map.Entry<String, Path> home : homes.entrySet()) {
            Path folder = home.getValue().toAbsolutePath();
            Files.createDirectories(folder);
            chroot.setUserHomeDir(home.getKey(), folder);
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.host());
        server.setPort(settings.port());
        Files.createDirectories(settings.hostKey().toAbsolutePath().getParent());
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(settings.hostKey());
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
        server.setPublickeyAuthenticator((username, key, session) -> {
            session.setAttribute(LOGIN_USER, username);
            boolean known = authorized.getOrDefault(username, List.of()).stream()
                    .anyMatch(candidate -> KeyUtils.compareKeys(candidate, key));
            if (!known) {
                audit.loginRefused(username, "public key " + KeyUtils.getFingerPrint(key)
                        + " is not authorized for this user");
            }
            return known;
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionDisconnect(Session session, int reason, String msg, String language,
                                          boolean initiator) {
                if (initiator && reason == SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS) {
                    audit.loginRefused(session.getAttribute(LOGIN_USER), "max-sessions-per-user " + settings.maxSessionsPerUser()
                            + ": " + msg);
                }
            }
        });
        server.setFileSystemFactory(chroot);
        server.setSubsystemFactories(List.of(sftp));
        // No shell, exec or forwarding: an SFTP-only server.
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(server, settings.maxSessionsPerUser());
        return server;
    }

    /**
     * Writes {@code <dataDir>/sftp-users.txt}, one line per case system: {@code SYSTEM USER HOST PORT PRIVATE-KEY}
     * ({@code -} when the system has no generated dev key). {@code ./suite up} prints the {@code sftp} command
     * lines from it (scripts/endpoints.d).
     *
     * @param title         what the server is, for the file's comment line
     * @param generatedKeys private-key files of generated dev keys by SFTP user
     */
    public static void writeConnectionFile(Path dataDir, String title, Iterable<RegisteredSystem> systems,
                                           Map<String, Path> generatedKeys, String host, int port) throws IOException {
        StringBuilder lines = new StringBuilder("# " + title + ": SYSTEM USER HOST PORT PRIVATE-KEY\n");
        for (RegisteredSystem system : systems) {
            Path key = generatedKeys.get(system.sftpUser());
            lines.append(system.name()).append(' ').append(system.sftpUser()).append(' ').append(host).append(' ')
                    .append(port).append(' ').append(key == null ? "-" : key.toString()).append('\n');
        }
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("sftp-users.txt"), lines);
    }
}
