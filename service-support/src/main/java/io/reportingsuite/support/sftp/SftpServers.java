package io.reportingsuite.support.sftp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

/**
 * The one set-up of our embedded SFTP servers (Apache MINA SSHD), used by receipt-service (EP_FS3) and
 * ingest-service (EP_FS2): an SFTP-only server (no shell, exec or port forwarding), public-key login only
 * against the registry's keys, each user chrooted to its own folder, an Ed25519 host key kept under the service's
 * data directory (so clients can pin it), an idle timeout and a limit of concurrent sessions per user. Refused
 * logins are audited.
 *
 * <p>Only current algorithms are offered ({@link #KEX}, {@link #CIPHERS}, {@link #MACS}): curve25519 key exchange
 * (plus the post-quantum hybrids sntrup761x25519 and mlkem768x25519 where the JVM's providers support them),
 * AEAD ciphers only, encrypt-then-MAC MACs only, no compression, and a banner without the library's name or
 * version. {@code SftpServersTest} asserts exactly these lists against a running server, and runs Debian's
 * {@code ssh-audit} against it where installed, so a library upgrade cannot silently widen them.
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

    static {
        // MINA looks its EdDSA (net.i2p) provider up by name in the JVM-wide java.security list by default. In test
        // and dev mode Quarkus loads the application anew per test profile, and the provider registered by the
        // first application would hand the next one keys of another class loader's classes ("Not an EDDSA public
        // key"). Unnamed, MINA uses its own provider instance, from its own class loader. Set before MINA reads it
        // (its first security call), and only when the deployment did not choose otherwise.
        if (System.getProperty("org.apache.sshd.security.provider.EdDSA.useNamed") == null) {
            System.setProperty("org.apache.sshd.security.provider.EdDSA.useNamed", "false");
        }
    }

    /** The user name a session tried to log in as (its user name is set only after a successful login). */
    private static final AttributeRepository.AttributeKey<String> LOGIN_USER = new AttributeRepository.AttributeKey<>();

    /** Key exchange, in order of preference; a hybrid the JVM's providers cannot compute is left out. */
    public static final List<BuiltinDHFactories> KEX = List.of(BuiltinDHFactories.sntrup761x25519_openssh,
            BuiltinDHFactories.sntrup761x25519, BuiltinDHFactories.mlkem768x25519, BuiltinDHFactories.curve25519,
            BuiltinDHFactories.curve25519_libssh);

    /** AEAD ciphers only (their MAC is built in). */
    public static final List<BuiltinCiphers> CIPHERS = List.of(BuiltinCiphers.cc20p1305_openssh,
            BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128gcm);

    /** Encrypt-then-MAC only (used with no cipher above, but a client must find one it accepts). */
    public static final List<BuiltinMacs> MACS = List.of(BuiltinMacs.hmacsha512etm, BuiltinMacs.hmacsha256etm);

    /** The banner: {@code SSH-2.0-} and this, no library name or version. */
    public static final String SERVER_IDENTIFICATION = "SFTP";

    /** The file name of the host key in a service's data directory. */
    public static final String HOST_KEY_FILE = "ssh_host_ed25519_key";

    /** The file name of the ECDSA host key used before (read by no one now; see {@link #create}). */
    static final String LEGACY_HOST_KEY_FILE = "ssh_host_ecdsa_key";

    private static final Logger LOG = Logger.getLogger(SftpServers.class);

    private SftpServers() {
    }

    /**
     * @param host               interface to bind
     * @param port               port to bind; 0 picks a free one
     * @param hostKey            file of the Ed25519 host key (generated on first start; {@link #HOST_KEY_FILE} in
     *                           the service's data directory)
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
        server.setKeyPairProvider(hostKey(settings.hostKey()));
        server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                KEX.stream().filter(BuiltinDHFactories::isSupported).toList(), ServerBuilder.DH2KEX));
        server.setCipherFactories(new ArrayList<>(CIPHERS));
        server.setMacFactories(new ArrayList<>(MACS));
        server.setCompressionFactories(List.of(BuiltinCompressions.none));
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, SERVER_IDENTIFICATION);
        // The host key algorithms offered are those of the host key (ssh-ed25519 only); the list below is what
        // the server accepts for the users' own keys at login (the registry's keys: Ed25519, ECDSA or RSA).
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
        if (audit.metrics() != null) {
            server.addSessionListener(audit.metrics());
        }
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
     * The Ed25519 host key in {@code file}, generated on first start (MINA also replaces a key of another type
     * found in that file). An ECDSA host key from before ({@value #LEGACY_HOST_KEY_FILE} beside it) is left on disk
     * but no longer offered: clients that pinned it see a changed host key once and must pin the new one, whose
     * fingerprint is logged here (service READMEs, "Host key"). Readers of the file (a test pinning the key) use
     * this too: a {@link SimpleGeneratorHostKeyProvider} of the default type would overwrite it with an EC key.
     */
    static SimpleGeneratorHostKeyProvider hostKey(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        boolean generated = !Files.exists(absolute);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(absolute);
        hostKey.setAlgorithm(SecurityUtils.EDDSA);
        hostKey.setKeySize(256);
        Iterator<KeyPair> pairs = hostKey.loadKeys(null).iterator();
        if (!pairs.hasNext()) {
            throw new IOException("SFTP host key " + absolute + " could not be read or generated");
        }
        KeyPair pair = pairs.next();
        Path legacy = absolute.resolveSibling(LEGACY_HOST_KEY_FILE);
        if (generated && Files.exists(legacy)) {
            LOG.warnf("SFTP host key is now Ed25519 %s (%s); the ECDSA key %s is no longer offered: clients that "
                    + "pinned it must pin the new fingerprint", KeyUtils.getFingerPrint(pair.getPublic()), absolute, legacy);
        } else {
            LOG.infof("SFTP host key %s %s", KeyUtils.getFingerPrint(pair.getPublic()), absolute);
        }
        return hostKey;
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
