package io.reportingsuite.ingest.batch;

import static io.reportingsuite.ingest.batch.BatchChannelProfile.EMPLOYER;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.EMPLOYER_SENDER;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.SOCSEC;
import static io.reportingsuite.ingest.batch.BatchTestClient.name;
import static io.reportingsuite.ingest.batch.BatchTestClient.sequence;
import static io.reportingsuite.ingest.batch.BatchTestClient.today;
import static io.reportingsuite.ingest.batch.BatchTestClient.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch channel's SFTP server against MINA SSHD's client: login by the channel's key only; an account sees
 * exactly IN, INTEST, OUT, OUTTEST; IN and INTEST take new files only (no overwrite, delete, rename, mkdir); OUT
 * and OUTTEST are read, list and delete only; no path leads out of the account; the limits; each refusal with
 * its status, text and audit line. Files here are pending transmissions (no GO), so no check moves them.
 */
@QuarkusTest
@TestProfile(BatchChannelProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class BatchChannelSftpTest {

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
    BatchChannelServer server;

    @Inject
    BatchAreas areas;

    private BatchTestClient client;

    @BeforeAll
    static void captureAudit() {
        java.util.logging.Logger.getLogger(BatchChannelServer.AUDIT_CATEGORY).addHandler(AUDIT_HANDLER);
    }

    @AfterAll
    static void releaseAudit() {
        java.util.logging.Logger.getLogger(BatchChannelServer.AUDIT_CATEGORY).removeHandler(AUDIT_HANDLER);
    }

    @BeforeEach
    void connect() throws IOException {
        for (String user : List.of(EMPLOYER, SOCSEC)) {
            for (BatchFolder folder : BatchFolder.values()) {
                BatchTestClient.clean(areas.folder(user, folder));
            }
        }
        AUDIT.clear();
        client = new BatchTestClient(server.port());
    }

    @AfterEach
    void disconnect() throws IOException {
        client.close();
    }

    private static String pendingFi() {
        return name("FI", "EACB", EMPLOYER_SENDER, today(), sequence(), "R", ".1.1");
    }

    private static int status(Throwable e) {
        return ((SftpException) e).getStatus();
    }

    @Test
    void aChannelLogsInWithItsOwnKeyOnly() throws Exception {
        try (SftpClient sftp = client.sftp(EMPLOYER)) {
            assertThat(sftp.canonicalPath(".")).isEqualTo("/");
        }
        assertThatThrownBy(() -> client.login(EMPLOYER, BatchChannelProfile.sshKey(SOCSEC)))
                .as("another channel's key").isInstanceOf(SshException.class);
        assertThatThrownBy(() -> client.login(EMPLOYER, BatchChannelProfile.sshKey("NOBODY")))
                .as("an unregistered key").isInstanceOf(SshException.class);
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + EMPLOYER + " op=login")
                && line.contains("is not authorized for this user"));
    }

    @Test
    void anAccountSeesExactlyItsFourFolders() throws Exception {
        try (SftpClient sftp = client.sftp(EMPLOYER)) {
            assertThat(names(sftp, "/")).containsExactlyInAnyOrder("IN", "INTEST", "OUT", "OUTTEST");
            assertThatThrownBy(() -> names(sftp, "..")).as("'..' of the root")
                    .hasMessageContaining("leaves the account's area");
        }
    }

    @Test
    void uploadsGoIntoInAndIntestOnceAndStay() throws Exception {
        String fi = pendingFi();
        byte[] content = "<BatchRequest/>".getBytes(StandardCharsets.UTF_8);
        try (SftpClient sftp = client.sftp(EMPLOYER)) {
            upload(sftp, "/IN/" + fi, content);
            assertThat(names(sftp, "/IN")).containsExactly(fi);
            assertThat(read(sftp, "/IN/" + fi)).isEqualTo(content);
            assertThatThrownBy(() -> upload(sftp, "/IN/" + fi, content)).as("overwrite")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED))
                    .hasMessageContaining("write once: '" + fi + "' already exists");
            assertThatThrownBy(() -> sftp.remove("/IN/" + fi)).as("delete")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED))
                    .hasMessageContaining("cannot be deleted");
            assertThatThrownBy(() -> sftp.rename("/IN/" + fi, "/IN/x")).as("rename")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            assertThatThrownBy(() -> sftp.rename("/IN/" + fi, "/OUT/" + fi)).as("move to OUT")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            assertThatThrownBy(() -> sftp.mkdir("/IN/sub")).as("mkdir in IN")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            assertThatThrownBy(() -> sftp.symLink("/IN/link", "/IN/" + fi)).as("symlink")
                    .isInstanceOf(SftpException.class);
        }
        assertThat(areas.folder(EMPLOYER, BatchFolder.IN).resolve(fi)).hasBinaryContent(content);
        assertThat(AUDIT).anyMatch(line -> line.startsWith("user=" + EMPLOYER + " op=upload file=" + fi)
                && line.contains("REFUSED(write once"));
    }

    @Test
    void outAndOuttestAreReadListAndDeleteOnly() throws Exception {
        Path answer = areas.folder(EMPLOYER, BatchFolder.OUT).resolve("FO.ACRF.999999.20261207.00001.R");
        Files.writeString(answer, "ACRF");
        try (SftpClient sftp = client.sftp(EMPLOYER)) {
            assertThat(names(sftp, "/OUT")).containsExactly(answer.getFileName().toString());
            assertThat(read(sftp, "/OUT/" + answer.getFileName())).isEqualTo("ACRF".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> upload(sftp, "/OUT/FI.x", new byte[] {1})).as("write in OUT")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED))
                    .hasMessageContaining("read and delete only");
            assertThatThrownBy(() -> upload(sftp, "/OUTTEST/FI.x", new byte[] {1})).as("write in OUTTEST")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            sftp.remove("/OUT/" + answer.getFileName());
        }
        assertThat(answer).doesNotExist();
    }

    @Test
    void theRootAndTheFoldersThemselvesCannotBeChanged() throws Exception {
        try (SftpClient sftp = client.sftp(EMPLOYER)) {
            assertThatThrownBy(() -> upload(sftp, "/" + pendingFi(), new byte[] {1})).as("a file at the root")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            assertThatThrownBy(() -> sftp.mkdir("/NEW")).as("mkdir at the root")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            assertThatThrownBy(() -> sftp.rmdir("/OUT")).as("rmdir of a folder")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            assertThatThrownBy(() -> sftp.rename("/IN", "/IN2")).as("rename of a folder")
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
        }
        for (BatchFolder folder : BatchFolder.values()) {
            assertThat(areas.folder(EMPLOYER, folder)).isDirectory();
        }
    }

    @Test
    void noPathLeadsToAnotherAccountOrTheServer() throws Exception {
        Path other = areas.folder(SOCSEC, BatchFolder.OUT).resolve("FO.ACRF.999999.20261207.00002.R");
        Files.writeString(other, "theirs");
        try (SftpClient sftp = client.sftp(EMPLOYER)) {
            for (String path : List.of("/../" + SOCSEC + "/OUT/" + other.getFileName(), "../" + SOCSEC + "/OUT",
                    other.toString(), "/OUT/../../" + SOCSEC + "/OUT/" + other.getFileName())) {
                assertThatThrownBy(() -> read(sftp, path)).as(path)
                        .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
            }
            assertThatThrownBy(() -> upload(sftp, "/IN/../../" + SOCSEC + "/IN/" + pendingFi(), new byte[] {1}))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
        }
        assertThat(other).hasContent("theirs");
        assertThat(areas.folder(SOCSEC, BatchFolder.IN)).isEmptyDirectory();
    }

    @Test
    void aFileBeyondMaxFileSizeIsRefusedAndRemoved() throws Exception {
        String fi = pendingFi();
        try (SftpClient sftp = client.sftp(EMPLOYER)) {
            assertThatThrownBy(() -> upload(sftp, "/IN/" + fi, new byte[(int) BatchChannelProfile.MAX_FILE_SIZE + 1]))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(SftpConstants.SSH_FX_FAILURE))
                    .hasMessageContaining("max-file-size");
        }
        assertThat(areas.folder(EMPLOYER, BatchFolder.IN).resolve(fi)).doesNotExist();
    }

    private static List<String> names(SftpClient sftp, String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                    names.add(entry.getFilename());
                }
            }
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_PERMISSION_DENIED) {
                throw e;
            }
        }
        return names;
    }

    private static byte[] read(SftpClient sftp, String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
