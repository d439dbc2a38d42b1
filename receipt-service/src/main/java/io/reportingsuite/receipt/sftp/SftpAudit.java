package io.reportingsuite.receipt.sftp;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.jboss.logging.Logger;

/**
 * The SFTP transfer and command audit log (category {@code receipt.sftp.audit}): user, operation, file
 * name, size, duration, result. File names are HovedIndberetningID-based, never personal data; contents
 * are never logged.
 */
final class SftpAudit implements SftpEventListener {

    static final Logger AUDIT = Logger.getLogger("receipt.sftp.audit");

    private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> bytesRead = new ConcurrentHashMap<>();

    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) {
        openedAt.put(key(session, remoteHandle), System.nanoTime());
    }

    @Override
    public void openFailed(ServerSession session, String remotePath, Path localPath, boolean isDirectory,
                           Throwable thrown) {
        log(session, isDirectory ? "list" : "open", name(localPath), -1, 0, thrown);
    }

    @Override
    public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                     int dataOffset, int dataLen, int readLen, Throwable thrown) {
        if (readLen > 0) {
            bytesRead.merge(key(session, remoteHandle), (long) readLen, Long::sum);
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        String key = key(session, remoteHandle);
        Long start = openedAt.remove(key);
        long bytes = bytesRead.getOrDefault(key, 0L);
        bytesRead.remove(key);
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        String operation = localHandle instanceof DirectoryHandle ? "list" : "download";
        log(session, operation, name(localHandle.getFile()), bytes, millis, thrown);
    }

    @Override
    public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) {
        log(session, "delete", name(path), -1, 0, thrown);
    }

    @Override
    public void created(ServerSession session, Path path, Map<String, ?> attrs, Throwable thrown) {
        log(session, "mkdir", name(path), -1, 0, thrown);
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, java.util.Collection<java.nio.file.CopyOption> opts,
                      Throwable thrown) {
        log(session, "rename", name(srcPath), -1, 0, thrown);
    }

    private static void log(ServerSession session, String operation, String file, long size, long millis,
                            Throwable thrown) {
        AUDIT.infof("user=%s op=%s file=%s size=%d durationMs=%d result=%s", session.getUsername(), operation,
                file, size, millis, thrown == null ? "OK" : "FAILED(" + thrown.getClass().getSimpleName() + ")");
    }

    private static String key(ServerSession session, String handle) {
        return System.identityHashCode(session) + "/" + handle;
    }

    private static String name(Path path) {
        if (path == null) {
            return "-";
        }
        Path file = path.getFileName();
        return file == null ? "/" : file.toString();
    }
}
