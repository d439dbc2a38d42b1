package io.reportingsuite.support.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload area on a full or slow disk (issue 14), against a real server (the areas' SftpServers set-up, the upload
 * policy, MINA's SFTP client on 127.0.0.1): the disk is a file-system accessor around the real files that fails
 * with {@code IOException("No space left on device")} once a byte budget is spent, or sleeps before each write.
 * A full disk: the client's write fails cleanly, the partial file is gone at once, the upload hook (ingest's
 * trigger/notification path) never runs, and the same name uploads fine once there is room. A slow disk: while
 * the upload runs, the file cannot be claimed (the notification answers FILE_IN_USE), and it can once it closed.
 */
class UploadAreaDiskFaultsTest {

    private static final String USER = "KY_STYRETSFTP";
    /** Bytes the disk still takes; negative: unlimited. */
    private static final AtomicLong ROOM = new AtomicLong(-1);
    private static volatile long delayMillis;

    @TempDir
    static Path dir;
    private static Path area;
    private static SshServer server;
    private static KeyPair key;
    private static final UploadTracker TRACKER = new UploadTracker();
    private static final List<String> HOOK_CALLS = new CopyOnWriteArrayList<>();

    private final SshClient ssh = SshClient.setUpDefaultClient();

    /** The real file's channel, failing or slowed down as the test sets. */
    static final class Disk implements SftpFileSystemAccessor {
        @Override
        public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file,
                                            String handle, Set<? extends OpenOption> options,
                                            FileAttribute<?>... attrs) throws IOException {
            SeekableByteChannel real = SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle,
                    options, attrs);
            return new SeekableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (delayMillis > 0) {
                        try {
                            Thread.sleep(delayMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted");
                        }
                    }
                    long room = ROOM.get();
                    if (room >= 0 && src.remaining() > room) {
                        // What a full disk does: part of the buffer may land, then ENOSPC.
                        ByteBuffer part = src.slice().limit((int) room);
                        int written = real.write(part);
                        src.position(src.position() + written);
                        ROOM.set(0);
                        throw new IOException("No space left on device");
                    }
                    int written = real.write(src);
                    if (room >= 0) {
                        ROOM.addAndGet(-written);
                    }
                    return written;
                }

                @Override
                public int read(ByteBuffer dst) throws IOException {
                    return real.read(dst);
                }

                @Override
                public long position() throws IOException {
                    return real.position();
                }

                @Override
                public SeekableByteChannel position(long newPosition) throws IOException {
                    real.position(newPosition);
                    return this;
                }

                @Override
                public long size() throws IOException {
                    return real.size();
                }

                @Override
                public SeekableByteChannel truncate(long size) throws IOException {
                    real.truncate(size);
                    return this;
                }

                @Override
                public boolean isOpen() {
                    return real.isOpen();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        area = dir.resolve("styret").resolve(USER);
        key = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        SftpAudit audit = new SftpAudit("test.sftp.audit");
        UploadAreaPolicy policy = new UploadAreaPolicy(new UploadAreaPolicy.Limits(16 * 1024 * 1024, 100), TRACKER,
                audit, (session, user, fileName) -> HOOK_CALLS.add(user + "/" + fileName));
        PolicySftpSubsystemFactory sftp = new PolicySftpSubsystemFactory(audit, true, policy, policy);
        sftp.setFileSystemAccessor(new Disk());
        server = SftpServers.create(new SftpServers.Settings("127.0.0.1", 0, dir.resolve(SftpServers.HOST_KEY_FILE),
                Duration.ofSeconds(60), 4), Map.of(USER, List.of(key.getPublic())), Map.of(USER, area), sftp, audit);
        server.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.stop(true);
    }

    @BeforeEach
    void connect() {
        ROOM.set(-1);
        delayMillis = 0;
        HOOK_CALLS.clear();
        ssh.start();
    }

    @AfterEach
    void disconnect() {
        ROOM.set(-1);
        delayMillis = 0;
        ssh.stop();
    }

    private SftpClient sftp() throws IOException {
        ClientSession session = ssh.connect(USER, "127.0.0.1", server.getPort()).verify(Duration.ofSeconds(60))
                .getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(60));
        return SftpClientFactory.instance().createSftpClient(session);
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static void upload(SftpClient sftp, String name, byte[] bytes) throws IOException {
        try (OutputStream out = sftp.write(name)) {
            for (int at = 0; at < bytes.length; at += 32 * 1024) {
                out.write(bytes, at, Math.min(32 * 1024, bytes.length - at));
                out.flush();
            }
        }
    }

    @Test
    void aFullDiskFailsTheUploadCleanlyLeavesNothingAndTheAreaTakesItAgain() throws Exception {
        byte[] file = content(1024 * 1024);
        ROOM.set(100_000);
        try (SftpClient sftp = sftp()) {
            assertThatThrownBy(() -> upload(sftp, "full.txt", file)).isInstanceOf(IOException.class);
        }
        assertThat(area.resolve("full.txt")).as("no half-written file").doesNotExist();
        assertThat(HOOK_CALLS).as("the upload hook (notification) never ran").isEmpty();
        await("the failed upload released its file").atMost(Duration.ofSeconds(30))
                .until(() -> !TRACKER.uploading(USER, "full.txt"));

        // Room again: the same name uploads, whole, and the hook runs once.
        ROOM.set(-1);
        try (SftpClient sftp = sftp()) {
            upload(sftp, "full.txt", file);
        }
        assertThat(area.resolve("full.txt")).hasSize(file.length);
        assertThat(HOOK_CALLS).containsExactly(USER + "/full.txt");
    }

    @Test
    void aFileOnASlowDiskCannotBeClaimedUntilItsUploadClosed() throws Exception {
        byte[] file = content(256 * 1024);
        delayMillis = 300;
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try (SftpClient sftp = sftp()) {
                upload(sftp, "slow.txt", file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await("the slow upload opened").atMost(Duration.ofSeconds(30))
                .until(() -> TRACKER.uploading(USER, "slow.txt"));
        assertThatThrownBy(() -> TRACKER.claim(USER, "slow.txt")).as("claimed while being written")
                .isInstanceOf(UploadTracker.FileInUse.class).hasMessageContaining("still being uploaded");
        assertThat(HOOK_CALLS).isEmpty();
        running.get(60, TimeUnit.SECONDS);
        assertThat(area.resolve("slow.txt")).hasSize(file.length);
        try (UploadTracker.Claim claim = TRACKER.claim(USER, "slow.txt")) {
            assertThat(claim).isNotNull();
        }
        assertThat(HOOK_CALLS).containsExactly(USER + "/slow.txt");
    }
}
