package io.reportingsuite.receipt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/** A case system at the SFTP server: MINA SSHD's client, logging in with the system's test key. */
final class SftpTestClient implements AutoCloseable {

    private final SshClient ssh = SshClient.setUpDefaultClient();
    private final ClientSession session;
    private final SftpClient sftp;

    SftpTestClient(String user, java.security.KeyPair key) throws IOException {
        ssh.start();
        session = ssh.connect(user, "127.0.0.1", ReceiptTestResource.SFTP_PORT).verify(Duration.ofSeconds(30))
                .getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(30));
        sftp = SftpClientFactory.instance().createSftpClient(session);
    }

    List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
            if (!entry.getFilename().startsWith(".")) {
                names.add(entry.getFilename());
            }
        }
        return names;
    }

    byte[] download(String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    void upload(String path, byte[] bytes) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(bytes);
        }
    }

    void delete(String path) throws IOException {
        sftp.remove(path);
    }

    void mkdir(String path) throws IOException {
        sftp.mkdir(path);
    }

    String canonical(String path) throws IOException {
        return sftp.canonicalPath(path);
    }

    @Override
    public void close() throws IOException {
        sftp.close();
        session.close();
        ssh.stop();
    }

}
