package io.reportingsuite.suite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.RequiredServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * A case system fetching its return files (EP_FS3): MINA SSHD's SFTP client, logging in as the system's SFTP
 * user with the dev key receipt-service generated for it, and accepting only receipt-service's persisted
 * host key.
 */
final class CaseSystemSftp implements AutoCloseable {

    private final SshClient ssh = SshClient.setUpDefaultClient();
    private final ClientSession session;
    private final SftpClient sftp;

    CaseSystemSftp(Suite suite, String user) throws IOException, GeneralSecurityException {
        this(suite, user, suite.receiptSftp);
    }

    /** As {@link #CaseSystemSftp(Suite, String)}, against the SFTP server on {@code port} (a second receipt). */
    CaseSystemSftp(Suite suite, String user, int port) throws IOException, GeneralSecurityException {
        Path data = suite.receiptData();
        KeyPair key = new FileKeyPairProvider(data.resolve("sftp-keys").resolve(user)).loadKeys(null).iterator()
                .next();
        // receipt's Ed25519 host key (service-support's SftpServers); a provider of the default type would replace it
        SimpleGeneratorHostKeyProvider hostKeyFile = new SimpleGeneratorHostKeyProvider(data.resolve("ssh_host_ed25519_key"));
        hostKeyFile.setAlgorithm("EdDSA");
        hostKeyFile.setOverwriteAllowed(false);
        PublicKey hostKey = hostKeyFile.loadKeys(null).iterator().next().getPublic();
        ssh.setServerKeyVerifier(new RequiredServerKeyVerifier(hostKey));
        ssh.start();
        try {
            session = ssh.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
            session.addPublicKeyIdentity(key);
            session.auth().verify(Duration.ofSeconds(10));
            sftp = SftpClientFactory.instance().createSftpClient(session);
        } catch (IOException | RuntimeException e) {
            ssh.stop();
            throw e;
        }
    }

    /** The file names in the user's folder (its chroot {@code /}). */
    List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir("/")) {
            if (!entry.getFilename().startsWith(".")) {
                names.add(entry.getFilename());
            }
        }
        return names;
    }

    byte[] download(String name) throws IOException {
        try (InputStream in = sftp.read("/" + name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            sftp.close();
            session.close();
        } finally {
            ssh.stop();
        }
    }
}
