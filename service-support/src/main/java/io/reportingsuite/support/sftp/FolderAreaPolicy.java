package io.reportingsuite.support.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * The policy of an area with fixed folders, each with its own policy (the batch channel: {@code IN} and {@code
 * INTEST} write-once {@link UploadAreaPolicy uploads}, {@code OUT} and {@code OUTTEST} {@link ReadAndDeleteOnly}):
 * every operation on a file in a folder is decided by that folder's policy; the area's root and the folders
 * themselves can only be listed (no file at the root, no mkdir, rmdir, rename, link or setstat of a folder), and
 * nothing moves between folders. Used with {@link PolicySftpSubsystemFactory#PolicySftpSubsystemFactory(SftpAudit,
 * FolderAreaPolicy)}, which refuses every path that is not the root, a folder or a file directly in one.
 */
public final class FolderAreaPolicy implements SftpEventListener {

    private final SftpAudit audit;
    private final Map<String, SftpEventListener> folders;

    /**
     * @param audit   where refusals are written
     * @param folders the folder names (directly below the area's root) and their policies, in listing order
     */
    public FolderAreaPolicy(SftpAudit audit, Map<String, ? extends SftpEventListener> folders) {
        this.audit = audit;
        this.folders = Collections.unmodifiableMap(new LinkedHashMap<>(folders));
    }

    /** The folder names. */
    public Set<String> folders() {
        return folders.keySet();
    }

    /** The folder of a path of the area: its first name below the root; null for the root itself. */
    static String folderOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.getNameCount() == 0 ? null : absolute.getName(0).toString();
    }

    /** The policy of a file's folder, or null when the path is the root or a folder itself. */
    private SftpEventListener policyOfFile(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.getNameCount() < 2) {
            return null;
        }
        return folders.get(absolute.getName(0).toString());
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        SftpEventListener policy = policyOfFile(localHandle.getFile());
        if (policy != null) {
            policy.opening(session, remoteHandle, localHandle);
        } else if (!(localHandle instanceof DirectoryHandle)) {
            throw refuse(session, "open", localHandle.getFile(), "files live in the folders " + names()
                    + ", not at the root");
        }
    }

    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        SftpEventListener policy = policyOfFile(localHandle.getFile());
        if (policy != null) {
            policy.open(session, remoteHandle, localHandle);
        }
    }

    @Override
    public void openFailed(ServerSession session, String remotePath, Path localPath, boolean isDirectory,
                           Throwable thrown) throws IOException {
        SftpEventListener policy = localPath == null ? null : policyOfFile(localPath);
        if (policy != null) {
            policy.openFailed(session, remotePath, localPath, isDirectory, thrown);
        }
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                        byte[] data, int dataOffset, int dataLen) throws IOException {
        SftpEventListener policy = policyOfFile(localHandle.getFile());
        if (policy != null) {
            policy.writing(session, remoteHandle, localHandle, offset, data, dataOffset, dataLen);
        }
    }

    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen, Throwable thrown) throws IOException {
        SftpEventListener policy = policyOfFile(localHandle.getFile());
        if (policy != null) {
            policy.written(session, remoteHandle, localHandle, offset, data, dataOffset, dataLen, thrown);
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
            throws IOException {
        SftpEventListener policy = policyOfFile(localHandle.getFile());
        if (policy != null) {
            policy.closed(session, remoteHandle, localHandle, thrown);
        }
    }

    /** Runs the upload-closed hook of the file's folder, when that folder is an upload area. */
    void afterClose(ServerSession session, Handle localHandle) throws SftpRefusal {
        if (policyOfFile(localHandle.getFile()) instanceof UploadAreaPolicy uploads) {
            uploads.afterClose(session, localHandle);
        }
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        SftpEventListener policy = policyOfFile(path);
        if (policy == null) {
            throw refuse(session, "mkdir", path, "mkdir: the area has exactly the folders " + names());
        }
        policy.creating(session, path, attrs);
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        SftpEventListener policy = policyOfFile(path);
        if (policy == null) {
            throw refuse(session, isDirectory ? "rmdir" : "delete", path, "the folders " + names()
                    + " cannot be removed");
        }
        policy.removing(session, path, isDirectory);
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
            throws IOException {
        SftpEventListener policy = policyOfFile(srcPath);
        if (policy == null || !String.valueOf(folderOf(srcPath)).equals(String.valueOf(folderOf(dstPath)))) {
            throw refuse(session, "rename", srcPath, "rename: folders cannot be renamed and files cannot move "
                    + "between folders");
        }
        policy.moving(session, srcPath, dstPath, opts);
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        SftpEventListener policy = policyOfFile(source);
        if (policy == null) {
            String what = symLink ? "symlink" : "link";
            throw refuse(session, what, source, what + ": links cannot be created here");
        }
        policy.linking(session, source, target, symLink);
    }

    @Override
    public void modifyingAttributes(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        SftpEventListener policy = policyOfFile(path);
        if (policy == null) {
            throw refuse(session, "setstat", path, "setstat: the folders' attributes cannot be changed");
        }
        policy.modifyingAttributes(session, path, attrs);
    }

    private String names() {
        return String.join(", ", folders.keySet());
    }

    private SftpRefusal refuse(ServerSession session, String operation, Path path, String rule) {
        audit.refused(session, operation, SftpAudit.name(path), -1, rule);
        return SftpRefusal.denied(rule);
    }
}
