package io.reportingsuite.support.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * The policy of a folder the platform writes and the case system only fetches from (receipt-service's EP_FS3
 * return files): list, download, delete. Everything that would create or change content (open for write,
 * mkdir, rename, link, set attributes, remove a directory) is refused with "permission denied" naming the
 * operation; files still being written ({@code .part}) cannot be opened at all. Each refusal is audited.
 */
public final class ReadAndDeleteOnly implements SftpEventListener {

    /** Suffix of a file the platform is still writing (renamed to its final name when complete). */
    public static final String PART_SUFFIX = io.reportingsuite.support.retention.RetentionJob.PART_SUFFIX;

    private static final Set<StandardOpenOption> WRITING = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.TRUNCATE_EXISTING);

    private final SftpAudit audit;

    public ReadAndDeleteOnly(SftpAudit audit) {
        this.audit = audit;
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (localHandle instanceof FileHandle file) {
            if (file.getOpenOptions().stream().anyMatch(WRITING::contains)) {
                throw denied(session, "upload", localHandle.getFile(), "write");
            }
            if (SftpAudit.name(localHandle.getFile()).endsWith(PART_SUFFIX)) {
                throw denied(session, "download", localHandle.getFile(), "a file still being written");
            }
        }
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw denied(session, "mkdir", path, "mkdir");
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
            throws IOException {
        throw denied(session, "rename", srcPath, "rename");
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        throw denied(session, symLink ? "symlink" : "link", source, symLink ? "symlink" : "link");
    }

    @Override
    public void modifyingAttributes(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw denied(session, "setstat", path, "setstat");
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        if (isDirectory) {
            throw denied(session, "rmdir", path, "rmdir");
        }
    }

    private SftpRefusal denied(ServerSession session, String operation, Path path, String what) {
        String rule = "read and delete only: " + what + " is not allowed here";
        audit.refused(session, operation, SftpAudit.name(path), -1, rule);
        return SftpRefusal.denied(rule);
    }
}
