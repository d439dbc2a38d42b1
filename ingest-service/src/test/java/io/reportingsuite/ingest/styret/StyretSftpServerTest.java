package io.reportingsuite.ingest.styret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.sftp.UploadTracker;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Styret SFTP server (EP_FS2) against a real SFTP client (MINA SSHD's; OpenSSH's {@code sftp} in batch mode
 * for the everyday commands) on a free loopback port: login by the system's key only, upload, list, read back,
 * delete, every refusal with its status, text and audit line, the platform folder out of sight, and the trigger
 * event with its refusal answering the close.
 */
@QuarkusTest
@TestProfile(StyretChannelsProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class StyretSftpServerTest {

    private static final String KY = "KY_STYRETSFTP";
    private static final String KSD = "KSD_STYRETSFTP";
    private static final List<String> AUDIT = new CopyOnWriteArrayList<>();
    private static final Handler AUDIT_HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            AUDIT.add(parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    StyretSftpServer server;

    @Inject
    StyretAreas areas;

    @Inject
    StyretUploads uploads;

    @Inject
    CaseSystemRegistry registry;

    private final SshClient ssh = SshClient.setUpDefaultClient();
    private final List<ClientSession> sessions = new ArrayList<>();

    @BeforeAll
    static void captureAudit() {
        java.util.logging.Logger.getLogger("ingest.sftp.audit").addHandler(AUDIT_HANDLER);
    }

    @AfterAll
    static void releaseAudit() {
        java.util.logging.Logger.getLogger("ingest.sftp.audit").removeHandler(AUDIT_HANDLER);
    }

    @BeforeEach
    void emptyAreas() throws IOException {
        for (RegisteredSystem system : registry.all()) {
            clean(areas.uploadArea(system));
        }
        clean(areas.platformFolder());
        AUDIT.clear();
        TestTriggerObserver.SEEN.clear();
        ssh.start();
    }

    @AfterEach
    void disconnect() throws IOException {
        for (ClientSession session : sessions) {
            session.close();
        }
        ssh.stop();
    }

    @Test
    void aSystemLogsInWithItsOwnKeyOnly() throws Exception {
        try (SftpClient sftp = sftp(KY, StyretSftpProfile.key(KY))) {
            assertThat(sftp.canonicalPath(".")).isEqualTo("/");
        }
        assertThatThrownBy(() -> login(KY, StyretSftpProfile.key(KSD)))
                .as("KSD's key is not KY's").isInstanceOf(SshException.class);
        assertThatThrownBy(() -> login(KY, StyretSftpProfile.key("NOBODY")))
                .as("an unregistered key").isInstanceOf(SshException.class);
        assertThatThrownBy(() -> {
            ClientSession session = connect(KY);
            session.addPasswordIdentity("ky-secret");
            session.auth().verify(Duration.ofSeconds(10));
        }).as("no password login, not even with the system's HTTP password").isInstanceOf(SshException.class);
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=login")
                && line.contains("is not authorized for this user"));
    }

    @Test
    void uploadListReadBackAndDeleteOwnFiles() throws Exception {
        byte[] content = "1000 ...\r\n9999\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (SftpClient ky = sftp(KY, StyretSftpProfile.key(KY));
             SftpClient ksd = sftp(KSD, StyretSftpProfile.key(KSD))) {
            upload(ky, "KYIndkomst-1.txt", content);

            Path stored = areas.uploadArea(system("KY")).resolve("KYIndkomst-1.txt");
            assertThat(stored).hasBinaryContent(content);
            assertThat(names(ky, "/")).containsExactly("KYIndkomst-1.txt");
            assertThat(names(ky, ".")).containsExactly("KYIndkomst-1.txt");
            assertThat(names(ksd, "/")).as("KSD sees its own area only").isEmpty();
            try (InputStream in = ky.read("KYIndkomst-1.txt")) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            upload(ky, "KYIndkomst-1.txt", "corrected".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(stored).as("a file not yet notified may be uploaded again").hasContent("corrected");

            ky.remove("KYIndkomst-1.txt");
            assertThat(stored).doesNotExist();
            assertThat(names(ky, "/")).isEmpty();
        }
        assertThat(AUDIT).anyMatch(line -> line.equals("user=" + KY + " op=upload file=KYIndkomst-1.txt size="
                + content.length + line.substring(line.indexOf(" durationMs="), line.indexOf(" result=")) + " result=OK"));
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=delete file=KYIndkomst-1.txt")
                && line.endsWith("result=OK"));
        assertThat(String.join("\n", AUDIT)).as("never contents").doesNotContain("corrected").doesNotContain("9999");
    }

    @Test
    void theOpenSshClientInBatchMode() throws Exception {
        Path local = StyretSftpProfile.DATA.resolve("openssh-upload.txt");
        Files.writeString(local, "uploaded with OpenSSH sftp\n");
        String output = openSsh(KY, "put " + local + " KYIndkomst-openssh.txt\nls -1\nrm KYIndkomst-openssh.txt\n"
                + "ls -1\n");
        assertThat(output).contains("KYIndkomst-openssh.txt");
        assertThat(areas.uploadArea(system("KY")).resolve("KYIndkomst-openssh.txt")).doesNotExist();
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=upload file=KYIndkomst-openssh.txt"));

        assertThat(openSshFails(KY, "mkdir sub\n")).as("OpenSSH's own text for the status").contains("denied");
    }

    @Test
    void pathsLeavingTheAreaAreRefusedAndThePlatformFolderIsInvisible() throws Exception {
        Path platformFile = areas.platformFolder().resolve("KYIndkomst-notified.txt");
        Files.writeString(platformFile, "moved here by a notification");
        try (SftpClient ky = sftp(KY, StyretSftpProfile.key(KY))) {
            assertRefused(() -> upload(ky, "../escape.txt", new byte[] {1}), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "leaves the upload area");
            assertRefused(() -> ky.read("/../" + StyretAreas.PLATFORM_USER + "/KYIndkomst-notified.txt").read(),
                    SftpConstants.SSH_FX_PERMISSION_DENIED, "leaves the upload area");
            assertRefused(() -> names(ky, ".."), SftpConstants.SSH_FX_PERMISSION_DENIED, "leaves the upload area");
            assertRefused(() -> ky.stat("/etc/passwd"), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "not a file directly in the area");
            assertRefused(() -> upload(ky, platformFile.toAbsolutePath().toString(), new byte[] {1}),
                    SftpConstants.SSH_FX_PERMISSION_DENIED, "not a file directly in the area");
            assertRefused(() -> names(ky, "/" + KSD + "/files"), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "not a file directly in the area");

            assertThat(names(ky, "/")).isEmpty();
            assertThatThrownBy(() -> ky.stat(StyretAreas.PLATFORM_USER)).isInstanceOf(SftpException.class)
                    .satisfies(e -> assertThat(((SftpException) e).getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
        }
        assertThat(platformFile).hasContent("moved here by a notification");
        assertThat(areas.uploadArea(system("KY")).getParent().resolve("escape.txt")).doesNotExist();
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=path file=../escape.txt")
                && line.contains("REFUSED(path '../escape.txt' leaves the upload area"));
    }

    @Test
    void mkdirRenameLinksAndSetstatAreRefused() throws Exception {
        try (SftpClient ky = sftp(KY, StyretSftpProfile.key(KY))) {
            upload(ky, "data.txt", "x".getBytes(StandardCharsets.ISO_8859_1));
            assertRefused(() -> ky.mkdir("sub"), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "mkdir: directories cannot be created");
            assertRefused(() -> ky.rename("data.txt", "other.txt"), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "rename: files cannot be renamed");
            assertRefused(() -> ky.symLink("link.txt", "data.txt"), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "symlink: links cannot be created");
            assertRefused(() -> ky.symLink("link.txt", "/etc/passwd"), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "symlink: links cannot be created");
            assertRefused(() -> ky.link("hard.txt", "data.txt", false), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "link: links cannot be created");
            SftpClient.Attributes unreadable = new SftpClient.Attributes();
            unreadable.setPermissions(0);
            assertRefused(() -> ky.setStat("data.txt", unreadable), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "setstat: permissions must keep the owner's read and write");
            SftpClient.Attributes size = new SftpClient.Attributes();
            size.setSize(1L << 40);
            assertRefused(() -> ky.setStat("data.txt", size), SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "setstat: only file times and permissions can be set, not 'size'");
            SftpClient.Attributes usual = new SftpClient.Attributes();
            usual.setPermissions(0640);
            ky.setStat("data.txt", usual);
            assertRefused(() -> ky.rmdir("/"), SftpConstants.SSH_FX_PERMISSION_DENIED, "rmdir");

            assertThat(names(ky, "/")).containsExactly("data.txt");
        }
        assertThat(Files.isSymbolicLink(areas.uploadArea(system("KY")).resolve("link.txt"))).isFalse();
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=rename file=data.txt")
                && line.contains("REFUSED(rename"));
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=symlink") && line.contains("REFUSED("));
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=mkdir") && line.contains("REFUSED("));
    }

    @Test
    void theWriteThatCrossesMaxFileSizeIsRefusedAndThePartialFileDeleted() throws Exception {
        try (SftpClient ky = sftp(KY, StyretSftpProfile.key(KY))) {
            upload(ky, "exactly-the-limit.txt", new byte[(int) StyretSftpProfile.MAX_FILE_SIZE]);
            assertThat(areas.uploadArea(system("KY")).resolve("exactly-the-limit.txt"))
                    .hasSize(StyretSftpProfile.MAX_FILE_SIZE);

            assertRefused(() -> upload(ky, "too-large.txt", new byte[(int) StyretSftpProfile.MAX_FILE_SIZE + 1]),
                    SftpConstants.SSH_FX_FAILURE, "max-file-size: writing up to byte 65537 would exceed the limit of "
                            + "65536 bytes; the partial file 'too-large.txt' was deleted");
            // A sparse write far beyond the limit is the same write.
            assertRefused(() -> {
                SftpClient.Handle handle = ky.open("sparse.txt", EnumSet.of(SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Create));
                try {
                    ky.write(handle, 10L * 1024 * 1024 * 1024, new byte[] {1});
                } finally {
                    ky.close(handle);
                }
            }, SftpConstants.SSH_FX_FAILURE, "max-file-size");
            assertThat(names(ky, "/")).containsExactly("exactly-the-limit.txt");
        }
        assertThat(areas.uploadArea(system("KY")).resolve("too-large.txt")).doesNotExist();
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=upload file=too-large.txt")
                && line.contains("REFUSED(max-file-size"));
    }

    @Test
    void aNewFileBeyondMaxFilesIsRefused() throws Exception {
        try (SftpClient ksd = sftp(KSD, StyretSftpProfile.key(KSD))) {
            for (int i = 1; i <= StyretSftpProfile.MAX_FILES; i++) {
                upload(ksd, "file-" + i + ".txt", new byte[] {(byte) i});
            }
            assertRefused(() -> upload(ksd, "one-too-many.txt", new byte[] {9}), SftpConstants.SSH_FX_FAILURE,
                    "max-files: the upload area holds 5 file(s), the limit is 5");
            upload(ksd, "file-1.txt", new byte[] {42});
            assertThat(areas.uploadArea(system("KSD")).resolve("file-1.txt")).as("replacing a file adds none")
                    .hasBinaryContent(new byte[] {42});
            ksd.remove("file-2.txt");
            upload(ksd, "after-a-delete.txt", new byte[] {7});
        }
        assertThat(areas.uploadArea(system("KSD")).resolve("one-too-many.txt")).doesNotExist();
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KSD + " op=upload file=one-too-many.txt")
                && line.contains("REFUSED(max-files"));
    }

    @Test
    void aUserHoldsAtMostMaxSessions() throws Exception {
        ClientSession first = login(KY, StyretSftpProfile.key(KY));
        login(KY, StyretSftpProfile.key(KY));
        assertThatThrownBy(() -> {
            ClientSession third = login(KY, StyretSftpProfile.key(KY));
            // The server may accept the authentication and disconnect right after it.
            SftpClientFactory.instance().createSftpClient(third).close();
        }).isInstanceOf(IOException.class);
        try (SftpClient ksd = sftp(KSD, StyretSftpProfile.key(KSD))) {
            assertThat(names(ksd, "/")).as("the limit is per user").isEmpty();
        }
        first.close();
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).ignoreExceptions().untilAsserted(() -> {
            try (SftpClient again = sftp(KY, StyretSftpProfile.key(KY))) {
                assertThat(names(again, "/")).isEmpty();
            }
        });
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=login")
                && line.contains("REFUSED(max-sessions-per-user 2"));
    }

    @Test
    void aFileInUseCannotBeOverwrittenDeletedOrNotified() throws Exception {
        RegisteredSystem ky = system("KY");
        try (SftpClient writer = sftp(KY, StyretSftpProfile.key(KY));
             SftpClient other = sftp(KY, StyretSftpProfile.key(KY))) {
            SftpClient.Handle handle = writer.open("big.txt", EnumSet.of(SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate));
            writer.write(handle, 0, "first half".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(uploads.uploading(ky, "big.txt")).isTrue();
            assertThatThrownBy(() -> uploads.claim(ky, "big.txt")).isInstanceOf(TriggerRefused.class)
                    .satisfies(e -> assertThat(((TriggerRefused) e).reason()).isEqualTo(StyretUploads.FILE_IN_USE))
                    .hasMessageContaining("still being uploaded");
            assertRefused(() -> upload(other, "big.txt", new byte[] {1}), SftpConstants.SSH_FX_FAILURE,
                    "'big.txt' is being uploaded in another transfer");
            assertRefused(() -> other.remove("big.txt"), SftpConstants.SSH_FX_FAILURE, "'big.txt' is being uploaded");
            writer.close(handle);
            assertThat(uploads.uploading(ky, "big.txt")).isFalse();

            try (UploadTracker.Claim claim = uploads.claim(ky, "big.txt")) {
                assertRefused(() -> upload(other, "big.txt", new byte[] {1}), SftpConstants.SSH_FX_FAILURE,
                        "'big.txt' is being processed (notified); it cannot be overwritten or appended to");
                assertRefused(() -> other.remove("big.txt"), SftpConstants.SSH_FX_FAILURE,
                        "'big.txt' is being processed (notified); it cannot be deleted");
            }
            other.remove("big.txt");
        }
    }

    @Test
    void closingATriggerUploadFiresTheEventAndItsRefusalAnswersTheClose() throws Exception {
        // The real notification (StyretNotifications) observes the event after the recording test observer; a
        // trigger document outside the SP SFTP namespace is refused by it, and that refusal answers the close.
        String unreadable = "TRIGGER_UNREADABLE: Element Trigger is not in the namespace";
        try (SftpClient ky = sftp(KY, StyretSftpProfile.key(KY))) {
            upload(ky, "KYIndkomst-2.txt", "data".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(TestTriggerObserver.SEEN).as("a data file fires nothing").isEmpty();

            assertRefused(() -> upload(ky, "KYIndkomst-2.txt.trigger", "<Trigger/>".getBytes(StandardCharsets.UTF_8)),
                    SftpConstants.SSH_FX_FAILURE, unreadable);
            assertThat(TestTriggerObserver.SEEN).hasSize(1);
            TestTriggerObserver.Seen seen = TestTriggerObserver.SEEN.get(0);
            assertThat(seen.event().system().name()).isEqualTo("KY");
            assertThat(seen.event().triggerFileName()).isEqualTo("KYIndkomst-2.txt.trigger");
            assertThat(seen.uploadStillOpen()).as("the event comes after the close").isFalse();
            assertThat(areas.uploadArea(system("KY")).resolve("KYIndkomst-2.txt")).as("a refused trigger leaves the"
                    + " data file where it was").exists();
        }
        try (SftpClient ksd = sftp(KSD, StyretSftpProfile.key(KSD))) {
            assertRefused(() -> upload(ksd, "KSD.txt.trigger", "<Trigger/>".getBytes(StandardCharsets.UTF_8)),
                    SftpConstants.SSH_FX_FAILURE, unreadable);
            assertThat(TestTriggerObserver.SEEN.get(1).event().system().name()).isEqualTo("KSD");
            // the suffix in any case, as the notification reads it (it refuses a data file named *.TRIGGER)
            assertRefused(() -> upload(ksd, "KSD-2.txt.TRIGGER", "<Trigger/>".getBytes(StandardCharsets.UTF_8)),
                    SftpConstants.SSH_FX_FAILURE, unreadable);
            assertThat(TestTriggerObserver.SEEN).hasSize(3);
            assertThat(TestTriggerObserver.SEEN.get(2).event().triggerFileName()).isEqualTo("KSD-2.txt.TRIGGER");
        }
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + KY + " op=notify file=KYIndkomst-2.txt.trigger")
                && line.contains("REFUSED(TRIGGER_UNREADABLE: Element Trigger is not in the namespace"));
    }

    // --- helpers

    private RegisteredSystem system(String name) {
        return registry.byName(name).orElseThrow();
    }

    private ClientSession connect(String user) throws IOException {
        ClientSession session = ssh.connect(user, "127.0.0.1", server.port()).verify(Duration.ofSeconds(10))
                .getSession();
        sessions.add(session);
        return session;
    }

    private ClientSession login(String user, KeyPair key) throws IOException {
        ClientSession session = connect(user);
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }

    private SftpClient sftp(String user, KeyPair key) throws IOException {
        return SftpClientFactory.instance().createSftpClient(login(user, key));
    }

    private static void upload(SftpClient sftp, String path, byte[] bytes) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(bytes);
        }
    }

    private static List<String> names(SftpClient sftp, String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                    names.add(entry.getFilename());
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // MINA's directory iterator wraps the SFTP status
        }
        return names;
    }

    private interface SftpCall {
        void run() throws Exception;
    }

    private static void assertRefused(SftpCall call, int status, String text) {
        assertThatThrownBy(call::run).isInstanceOf(SftpException.class).hasMessageContaining(text)
                .satisfies(e -> assertThat(((SftpException) e).getStatus()).as("SFTP status").isEqualTo(status));
    }

    private String openSsh(String user, String batch) throws Exception {
        Result result = runOpenSsh(user, batch);
        assertThat(result.exit).as(result.output).isZero();
        return result.output;
    }

    private String openSshFails(String user, String batch) throws Exception {
        Result result = runOpenSsh(user, batch);
        assertThat(result.exit).as(result.output).isNotZero();
        return result.output;
    }

    private record Result(int exit, String output) {
    }

    private Result runOpenSsh(String user, String batch) throws Exception {
        StyretSftpProfile.key(user);
        Path batchFile = Files.createTempFile(StyretSftpProfile.DATA, "batch", ".txt");
        Files.writeString(batchFile, batch);
        Process process = new ProcessBuilder("sftp", "-b", batchFile.toString(), "-i",
                StyretSftpProfile.privateKey(user).toString(), "-P", Integer.toString(server.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", user + "@127.0.0.1").redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    private static void clean(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
