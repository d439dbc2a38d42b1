package io.reportingsuite.ingest.batch;

import static org.awaitility.Awaitility.await;

import io.reportingsuite.contracts.batch.BatchSignature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/** The batch channel's tests as a sender: MINA SSHD's SFTP client, file names, signed content, verdicts. */
final class BatchTestClient implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(1);
    static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final SshClient ssh = SshClient.setUpDefaultClient();
    private final List<ClientSession> sessions = new ArrayList<>();
    private final int port;

    BatchTestClient(int port) {
        this.port = port;
        ssh.start();
    }

    static LocalDate today() {
        return LocalDate.now(TransmissionChecks.BRUSSELS);
    }

    /** A sequence number no other test uses. */
    static String sequence() {
        return String.format("%05d", SEQUENCE.getAndIncrement());
    }

    ClientSession login(String user, KeyPair key) throws IOException {
        ClientSession session = ssh.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
        sessions.add(session);
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }

    SftpClient sftp(String user) throws IOException {
        return SftpClientFactory.instance().createSftpClient(login(user, BatchChannelProfile.sshKey(user)));
    }

    static void upload(SftpClient sftp, String path, byte[] bytes) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(bytes);
        }
    }

    /** Uploads the files in the given order in one session. */
    void send(String user, String folder, List<Object[]> files) throws IOException {
        try (SftpClient sftp = sftp(user)) {
            for (Object[] file : files) {
                upload(sftp, "/" + folder + "/" + file[0], (byte[]) file[1]);
            }
        }
    }

    static Object[] file(String name, byte[] content) {
        return new Object[] {name, content};
    }

    static String name(String kind, String purpose, String sender, LocalDate date, String sequence, String env,
                       String tail) {
        return kind + "." + purpose + "." + sender + "." + DATE.format(date) + "." + sequence + "." + env + tail;
    }

    /** A debt query for the mandant, in the BatchRequest vocabulary. */
    static byte[] debtQuery(String mandant) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<BatchRequest xmlns=\"http://socialsecurity.be/xml/ns/accountbalance\">"
                + "<RequestInformation><Consumer><CompanyID>" + mandant + "</CompanyID></Consumer>"
                + "<LegalContextInformation>test</LegalContextInformation></RequestInformation>"
                + "<RequestDetail><CompanyID>" + mandant + "</CompanyID></RequestDetail></BatchRequest>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A Federal Learning Account file naming the employer in its first CompanyID. */
    static byte[] fla(String employer) {
        return ("<FlaDeclaration><Employer><CompanyID>" + employer + "</CompanyID></Employer>"
                + "<Training hours=\"8\"/></FlaDeclaration>").getBytes(StandardCharsets.UTF_8);
    }

    /** An FS over the content, by the named signer's registered key and certificate. */
    static byte[] sign(String signer, byte[] content) throws IOException {
        return new BatchSignature(BatchChannelProfile.signingKey(signer), BatchChannelProfile.certificate(signer))
                .sign(new ByteArrayInputStream(content));
    }

    /** The verdict whose files include the named file, waited for. */
    static TransmissionChecked verdictFor(String fileName) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> find(fileName), Optional::isPresent).orElseThrow();
    }

    static Optional<TransmissionChecked> find(String fileName) {
        return TestVerdicts.SEEN.stream().filter(v -> v.files().stream()
                .anyMatch(f -> f.getFileName().toString().equals(fileName))).findFirst();
    }

    static void clean(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (ClientSession session : sessions) {
            session.close();
        }
        ssh.stop();
    }
}
