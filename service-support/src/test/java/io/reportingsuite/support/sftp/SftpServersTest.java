package io.reportingsuite.support.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The algorithms our SFTP servers offer, read from a running server (127.0.0.1, a free port): its banner and
 * its KEXINIT taken off the wire, a key exchange with the MINA client, and Debian's {@code ssh-audit} where it is
 * installed (.ci/run installs it). A library upgrade that adds an algorithm, or changes a default we rely on,
 * fails here.
 */
class SftpServersTest {

    /** What a server may offer as key exchange: the curve25519 and hybrid post-quantum methods, and the markers. */
    private static final List<String> KEX_ALLOWED = List.of("sntrup761x25519-sha512@openssh.com",
            "sntrup761x25519-sha512", "mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org",
            // not algorithms: the server's support of RFC 8308 extensions and of strict KEX (CVE-2023-48795)
            "ext-info-s", "kex-strict-s-v00@openssh.com");
    private static final List<String> CIPHERS = List.of("chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com",
            "aes128-gcm@openssh.com");
    private static final List<String> MACS = List.of("hmac-sha2-512-etm@openssh.com", "hmac-sha2-256-etm@openssh.com");

    @TempDir
    static Path dir;
    private static SshServer server;

    @BeforeAll
    static void start() throws IOException {
        server = SftpServers.create(new SftpServers.Settings("127.0.0.1", 0, dir.resolve(SftpServers.HOST_KEY_FILE),
                Duration.ofSeconds(30), 2), Map.of(), Map.of(), new SftpSubsystemFactory(), new SftpAudit("test.sftp"));
        server.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.stop(true);
    }

    /** The banner and the KEXINIT name-lists, as the server sends them before any key exchange. */
    private record Offer(String banner, List<List<String>> lists) {
        List<String> of(int index) {
            return lists.get(index);
        }
    }

    private static Offer offer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write("SSH-2.0-SftpServersTest\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String banner = readLine(in);
            DataInputStream data = new DataInputStream(in);
            int length = data.readInt();
            int padding = data.readUnsignedByte();
            byte[] payload = new byte[length - padding - 1];
            data.readFully(payload);
            assertThat(payload[0]).as("SSH_MSG_KEXINIT").isEqualTo((byte) 20);
            DataInputStream lists = new DataInputStream(new ByteArrayInputStream(payload, 17, payload.length - 17));
            List<List<String>> names = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] list = new byte[lists.readInt()];
                lists.readFully(list);
                String text = new String(list, StandardCharsets.US_ASCII);
                names.add(text.isEmpty() ? List.of() : Arrays.asList(text.split(",")));
            }
            return new Offer(banner, names);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the banner");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    @Test
    void theBannerNamesNoLibraryAndNoVersion() throws IOException {
        assertThat(offer().banner()).isEqualTo("SSH-2.0-SFTP");
    }

    @Test
    void onlyCurve25519AndPostQuantumHybridKeyExchangeIsOffered() throws IOException {
        List<String> kex = offer().of(0);
        assertThat(KEX_ALLOWED).containsAll(kex);
        assertThat(kex).contains("curve25519-sha256", "kex-strict-s-v00@openssh.com")
                .noneMatch(name -> name.startsWith("ecdh-") || name.startsWith("diffie-hellman"));
        // sntrup761x25519 wherever this JVM's providers can compute it (MINA uses BouncyCastle's NTRU Prime)
        if (BuiltinDHFactories.sntrup761x25519.isSupported()) {
            assertThat(kex).contains("sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com");
        }
    }

    @Test
    void theHostKeyIsEd25519Only() throws IOException {
        assertThat(offer().of(1)).containsExactly("ssh-ed25519");
    }

    @Test
    void aeadCiphersEtmMacsAndNoCompressionInBothDirections() throws IOException {
        Offer offer = offer();
        assertThat(offer.of(2)).as("ciphers client to server").containsExactlyElementsOf(CIPHERS);
        assertThat(offer.of(3)).as("ciphers server to client").containsExactlyElementsOf(CIPHERS);
        assertThat(offer.of(4)).as("MACs client to server").containsExactlyElementsOf(MACS);
        assertThat(offer.of(5)).as("MACs server to client").containsExactlyElementsOf(MACS);
        assertThat(offer.of(6)).as("compression client to server").containsExactly("none");
        assertThat(offer.of(7)).as("compression server to client").containsExactly("none");
    }

    @Test
    void aClientCompletesTheKeyExchangeAgainstThePersistedEd25519HostKey() throws Exception {
        KeyPair persisted = SftpServers.hostKey(dir.resolve(SftpServers.HOST_KEY_FILE)).loadKeys(null).iterator().next();
        assertThat(KeyUtils.getKeyType(persisted)).isEqualTo(KeyPairProvider.SSH_ED25519);
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            seen.set(key);
            return true;
        });
        client.start();
        try (ClientSession session = client.connect("nobody", "127.0.0.1", server.getPort())
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), Duration.ofSeconds(10));
            assertThat(KeyUtils.compareKeys(seen.get(), persisted.getPublic())).isTrue();
            assertThat(KEX_ALLOWED).contains(session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS));
            assertThat(CIPHERS).contains(session.getNegotiatedKexParameter(KexProposalOption.S2CENC));
            assertThat(session.getNegotiatedKexParameter(KexProposalOption.S2CCOMP)).isEqualTo("none");
        } finally {
            client.stop();
        }
    }

    @Test
    void theHostKeySurvivesARestartAndAnOldEcdsaKeyIsNotServed() throws Exception {
        Path data = dir.resolve("migrated");
        SimpleGeneratorHostKeyProvider legacy = new SimpleGeneratorHostKeyProvider(
                data.resolve(SftpServers.LEGACY_HOST_KEY_FILE));
        Files.createDirectories(data);
        KeyPair ecdsa = legacy.loadKeys(null).iterator().next();
        assertThat(KeyUtils.getKeyType(ecdsa)).startsWith("ecdsa-");

        KeyPair first = SftpServers.hostKey(data.resolve(SftpServers.HOST_KEY_FILE)).loadKeys(null).iterator().next();
        KeyPair again = SftpServers.hostKey(data.resolve(SftpServers.HOST_KEY_FILE)).loadKeys(null).iterator().next();
        assertThat(KeyUtils.getKeyType(first)).isEqualTo(KeyPairProvider.SSH_ED25519);
        assertThat(KeyUtils.compareKeys(first.getPublic(), again.getPublic())).isTrue();
        assertThat(data.resolve(SftpServers.LEGACY_HOST_KEY_FILE)).exists();
    }

    /**
     * Debian's ssh-audit against the server: no failure, and no warning except those that only show the scanner is
     * older than an algorithm (Debian 12 ships 2.5.0, from before OpenSSH 9.x: it calls sntrup761x25519 experimental
     * and does not know its RFC name, ML-KEM or the strict-KEX marker).
     */
    @Test
    void sshAuditFindsNoFailureAndNoWarningButItsOwnAge() throws Exception {
        assumeTrue(onPath("ssh-audit"), "ssh-audit is not installed (apt-get install ssh-audit; .ci/run does)");
        Process audit = new ProcessBuilder("ssh-audit", "--no-colors", "-p", Integer.toString(server.getPort()),
                "127.0.0.1").redirectErrorStream(true).start();
        String report = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(audit.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report).as(report).contains("(key) ssh-ed25519", "(enc) chacha20-poly1305@openssh.com",
                "compression: disabled", "banner: SSH-2.0-SFTP");
        List<String> findings = report.lines()
                .filter(line -> line.contains("[fail]") || line.contains("[warn]"))
                .filter(line -> !line.matches("\\(kex\\) (sntrup761x25519-sha512@openssh\\.com +-- \\[warn\\] using experimental"
                        + " algorithm|(sntrup761x25519-sha512|mlkem768x25519-sha256|kex-strict-s-v00@openssh\\.com) +-- "
                        + "\\[warn\\] unknown algorithm)"))
                .toList();
        assertThat(findings).as(report).isEmpty();
        assertThat(report).as("only the experimental sntrup761 is recommended for removal")
                .doesNotContainPattern("\\(rec\\) [-+](?!sntrup761x25519-sha512@openssh\\.com )");
    }

    private static boolean onPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }
}
