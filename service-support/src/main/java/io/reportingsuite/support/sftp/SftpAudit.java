package io.reportingsuite.support.sftp;

import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.jboss.logging.Logger;

/**
 * The SFTP transfer and command audit log of one server (its own log category, e.g. {@code
 * receipt.sftp.audit}): one line per operation with user, operation, file name, size, duration and result
 * ({@code OK}, {@code FAILED(<exception>)} or {@code REFUSED(<rule>)}). File names are HovedIndberetningID-based
 * or chosen by the case system, never personal data; contents are never logged. Refusals are written by the
 * policy that refuses ({@link #refused}); this listener skips the {@link SftpRefusal}s it is told about again.
 */
public final class SftpAudit implements SftpEventListener {

    private final Logger audit;
    private final SftpMetrics metrics;
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();

    /** @param category the log category the lines go to */
    public SftpAudit(String category) {
        this(category, null);
    }

    /**
     * @param category the log category the lines go to
     * @param metrics  the server's meters (sessions, transfers), or null
     */
    public SftpAudit(String category, SftpMetrics metrics) {
        this.audit = Logger.getLogger(category);
        this.metrics = metrics;
    }

    /** The server's meters, or null. */
    SftpMetrics metrics() {
        return metrics;
    }

    private static final class Transfer {
        final long start = System.nanoTime();
        final boolean upload;
        volatile long bytes;
        volatile String refused;

        Transfer(boolean upload) {
            this.upload = upload;
        }
    }

    /** A request refused by a policy: one line, result {@code REFUSED(<rule text>)}. */
    public void refused(ServerSession session, String operation, String file, long size, String rule) {
        if (metrics != null) {
            metrics.requestRefused();
        }
        log(user(session), operation, file, size, 0, "REFUSED(" + rule + ")");
    }

    /** A login refused (unknown key, too many sessions): one line, operation {@code login}. */
    public void loginRefused(String user, String rule) {
        if (metrics != null) {
            metrics.loginRefused();
        }
        log(user, "login", "-", -1, 0, "REFUSED(" + rule + ")");
    }

    /** The transfer on this handle was refused part-way (e.g. a size limit): its close line says so. */
    public void markRefused(ServerSession session, String remoteHandle, String rule) {
        Transfer transfer = transfers.get(key(session, remoteHandle));
        if (transfer != null) {
            transfer.refused = rule;
        }
    }

    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) {
        boolean upload = localHandle instanceof FileHandle file && (file.getOpenOptions().contains(
                StandardOpenOption.WRITE) || file.getOpenOptions().contains(StandardOpenOption.APPEND));
        transfers.put(key(session, remoteHandle), new Transfer(upload));
    }

    @Override
    public void openFailed(ServerSession session, String remotePath, Path localPath, boolean isDirectory,
                           Throwable thrown) {
        if (!(thrown instanceof SftpRefusal)) {
            log(user(session), isDirectory ? "list" : "open", name(localPath), -1, 0, result(thrown));
        }
    }

    @Override
    public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                     int dataOffset, int dataLen, int readLen, Throwable thrown) {
        Transfer transfer = transfers.get(key(session, remoteHandle));
        if (transfer != null && readLen > 0) {
            transfer.bytes += readLen;
        }
    }

    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen, Throwable thrown) {
        Transfer transfer = transfers.get(key(session, remoteHandle));
        if (transfer != null && thrown == null) {
            transfer.bytes += dataLen;
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        Transfer transfer = transfers.remove(key(session, remoteHandle));
        long millis = transfer == null ? 0 : (System.nanoTime() - transfer.start) / 1_000_000;
        String operation = localHandle instanceof DirectoryHandle ? "list"
                : transfer != null && transfer.upload ? "upload" : "download";
        String result = transfer != null && transfer.refused != null ? "REFUSED(" + transfer.refused + ")"
                : result(thrown);
        log(user(session), operation, name(localHandle.getFile()), transfer == null ? -1 : transfer.bytes, millis,
                result);
        if (metrics != null && transfer != null && !(localHandle instanceof DirectoryHandle)) {
            metrics.transfer(operation, result.startsWith("OK") ? "ok" : result.startsWith("REFUSED") ? "refused"
                    : "failed", transfer.bytes);
        }
    }

    @Override
    public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) {
        if (!(thrown instanceof SftpRefusal)) {
            log(user(session), isDirectory ? "rmdir" : "delete", name(path), -1, 0, result(thrown));
        }
    }

    @Override
    public void created(ServerSession session, Path path, Map<String, ?> attrs, Throwable thrown) {
        if (!(thrown instanceof SftpRefusal)) {
            log(user(session), "mkdir", name(path), -1, 0, result(thrown));
        }
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts,
                      Throwable thrown) {
        if (!(thrown instanceof SftpRefusal)) {
            log(user(session), "rename", name(srcPath), -1, 0, result(thrown));
        }
    }

    @Override
    public void linked(ServerSession session, Path source, Path target, boolean symLink, Throwable thrown) {
        if (!(thrown instanceof SftpRefusal)) {
            log(user(session), symLink ? "symlink" : "link", name(source), -1, 0, result(thrown));
        }
    }

    @Override
    public void modifiedAttributes(ServerSession session, Path path, Map<String, ?> attrs, Throwable thrown) {
        if (!(thrown instanceof SftpRefusal)) {
            log(user(session), "setstat", name(path), -1, 0, result(thrown));
        }
    }

    private void log(String user, String operation, String file, long size, long millis, String result) {
        audit.infof("user=%s op=%s file=%s size=%d durationMs=%d result=%s", user, operation, file, size, millis,
                result);
    }

    private static String result(Throwable thrown) {
        if (thrown == null) {
            return "OK";
        }
        return thrown instanceof SftpRefusal ? "REFUSED(" + thrown.getMessage() + ")"
                : "FAILED(" + thrown.getClass().getSimpleName() + ")";
    }

    private static String user(ServerSession session) {
        return session == null ? "-" : session.getUsername();
    }

    private static String key(ServerSession session, String handle) {
        return System.identityHashCode(session) + "/" + handle;
    }

    /** The last element of a path: the file name, never a directory of the server's disk. */
    static String name(Path path) {
        if (path == null) {
            return "-";
        }
        Path file = path.getFileName();
        return file == null ? "/" : file.toString();
    }
}
