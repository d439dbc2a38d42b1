package io.reportingsuite.support.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * The policy of an upload area (ingest-service's EP_FS2): the case system writes new files, lists, reads back
 * and deletes its own files; the area is flat. Refused, each with a precise status text and an audit line:
 * mkdir, rmdir, rename, links and symlinks, setting anything but file times and permissions that keep the
 * owner's read and write; overwriting, appending to or
 * deleting a file that is being uploaded in another transfer or that the platform has claimed for processing
 * ({@link UploadTracker}); a new file beyond {@code max-files}; the write that would take a file past {@code
 * max-file-size} (the partial file is deleted and every further write on that handle refused). When an upload
 * closes cleanly, {@link UploadClosedHook} is called by {@link PolicySftpSubsystemFactory}'s subsystem; what it
 * refuses answers the client's close.
 * <p>
 * A <b>write-once</b> area (the batch channel's IN folders: what is uploaded belongs to the platform) also refuses
 * to open an existing file for writing (no overwrite, no append) and to delete a file.
 */
public final class UploadAreaPolicy implements SftpEventListener {

    /** Attributes a client may set besides permissions: times (e.g. {@code put -p}'s modification time). */
    private static final Set<String> SETTABLE = Set.of("lastModifiedTime", "lastAccessTime", "creationTime",
            "mtime", "atime", "ctime");

    /**
     * @param maxFileSize largest file in bytes
     * @param maxFiles    most files one area may hold
     */
    public record Limits(long maxFileSize, int maxFiles) {
    }

    /** Called after a clean close of an upload; a thrown {@link SftpRefusal} answers the close. */
    @FunctionalInterface
    public interface UploadClosedHook {
        void uploaded(ServerSession session, String user, String fileName) throws SftpRefusal;
    }

    private static final class Upload {
        final String user;
        final String name;
        final Path file;
        volatile boolean opened;
        volatile String refused;

        Upload(String user, String name, Path file) {
            this.user = user;
            this.name = name;
            this.file = file;
        }
    }

    private final Limits limits;
    private final UploadTracker tracker;
    private final SftpAudit audit;
    private final UploadClosedHook hook;
    private final boolean writeOnce;
    private final Map<Handle, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<Handle, Upload> completed = new ConcurrentHashMap<>();

    public UploadAreaPolicy(Limits limits, UploadTracker tracker, SftpAudit audit, UploadClosedHook hook) {
        this(limits, tracker, audit, hook, false);
    }

    /**
     * @param writeOnce refuse overwriting, appending to and deleting existing files (a write-once area)
     */
    public UploadAreaPolicy(Limits limits, UploadTracker tracker, SftpAudit audit, UploadClosedHook hook,
                            boolean writeOnce) {
        this.writeOnce = writeOnce;
        this.limits = limits;
        this.tracker = tracker;
        this.audit = audit;
        this.hook = hook;
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (!(localHandle instanceof FileHandle handle) || !writes(handle)) {
            return;
        }
        String user = session.getUsername();
        Path file = handle.getFile();
        String name = SftpAudit.name(file);
        synchronized (tracker) {
            if (tracker.claimed(user, name)) {
                throw refuse(session, "upload", name, SftpRefusal.failure("file in use: '" + name
                        + "' is being processed (notified); it cannot be overwritten or appended to"));
            }
            if (tracker.uploading(user, name)) {
                throw refuse(session, "upload", name, SftpRefusal.failure("file in use: '" + name
                        + "' is being uploaded in another transfer; one writer per file"));
            }
            if (writeOnce && Files.exists(file)) {
                throw refuse(session, "upload", name, SftpRefusal.denied("write once: '" + name
                        + "' already exists; files here cannot be overwritten or appended to"));
            }
            if (!Files.exists(file)) {
                long files = count(file.getParent());
                if (files >= limits.maxFiles()) {
                    throw refuse(session, "upload", name, SftpRefusal.failure("max-files: the upload area holds "
                            + files + " file(s), the limit is " + limits.maxFiles()
                            + "; notify or delete files first"));
                }
            }
            tracker.opened(user, name);
            uploads.put(localHandle, new Upload(user, name, file));
        }
    }

    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) {
        Upload upload = uploads.get(localHandle);
        if (upload != null) {
            upload.opened = true;
        }
    }

    @Override
    public void openFailed(ServerSession session, String remotePath, Path localPath, boolean isDirectory,
                           Throwable thrown) {
        // The handle whose opening() registered an upload never opened: release the file.
        uploads.entrySet().removeIf(entry -> {
            Upload upload = entry.getValue();
            if (!upload.opened && upload.file.equals(localPath) && upload.user.equals(session.getUsername())) {
                tracker.closed(upload.user, upload.name);
                return true;
            }
            return false;
        });
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                        byte[] data, int dataOffset, int dataLen) throws IOException {
        Upload upload = uploads.get(localHandle);
        if (upload == null) {
            return;
        }
        if (upload.refused != null) {
            throw SftpRefusal.failure(upload.refused);
        }
        long end = localHandle.isOpenAppend() ? Files.size(upload.file) + dataLen : offset + dataLen;
        if (end > limits.maxFileSize()) {
            String rule = "max-file-size: writing up to byte " + end + " would exceed the limit of "
                    + limits.maxFileSize() + " bytes; the partial file '" + upload.name + "' was deleted";
            upload.refused = rule;
            Files.deleteIfExists(upload.file);
            audit.markRefused(session, remoteHandle, rule);
            throw refuse(session, "upload", upload.name, end, SftpRefusal.failure(rule));
        }
    }

    /**
     * A write the file system failed (e.g. ENOSPC, "No space left on device"; an I/O error of the volume): the
     * client's write is answered with the failure, the partial file is deleted at once (nothing half-written is
     * left for a notification to claim), every further write on the handle is refused with the same text and the
     * close runs no hook. The file is released at the close, so the area takes a new upload of it afterwards.
     */
    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen, Throwable thrown) throws IOException {
        Upload upload = uploads.get(localHandle);
        if (upload == null || thrown == null || upload.refused != null) {
            return;
        }
        String rule = "write failed: the platform could not store bytes " + offset + " to " + (offset + dataLen)
                + " of '" + upload.name + "' (" + thrown.getMessage() + "); the partial file was deleted, upload it"
                + " again later";
        upload.refused = rule;
        Files.deleteIfExists(upload.file);
        audit.markRefused(session, remoteHandle, rule);
        refuse(session, "upload", upload.name, offset + dataLen, SftpRefusal.failure(rule));
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        Upload upload = uploads.remove(localHandle);
        if (upload != null) {
            tracker.closed(upload.user, upload.name);
            if (upload.refused == null && thrown == null) {
                completed.put(localHandle, upload);
            }
        }
    }

    /** Runs the hook for an upload that closed cleanly on this handle (called after the close). */
    void afterClose(ServerSession session, Handle localHandle) throws SftpRefusal {
        Upload upload = completed.remove(localHandle);
        if (upload == null || hook == null) {
            return;
        }
        try {
            hook.uploaded(session, upload.user, upload.name);
        } catch (SftpRefusal refusal) {
            throw refuse(session, "notify", upload.name, refusal);
        }
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        String name = SftpAudit.name(path);
        if (isDirectory) {
            throw refuse(session, "rmdir", name, SftpRefusal.denied("rmdir: the upload area has no directories"));
        }
        if (writeOnce) {
            throw refuse(session, "delete", name, SftpRefusal.denied("write once: '" + name
                    + "' cannot be deleted; uploaded files belong to the platform"));
        }
        if (tracker.claimed(session.getUsername(), name)) {
            throw refuse(session, "delete", name, SftpRefusal.failure("file in use: '" + name
                    + "' is being processed (notified); it cannot be deleted"));
        }
        if (tracker.uploading(session.getUsername(), name)) {
            throw refuse(session, "delete", name, SftpRefusal.failure("file in use: '" + name
                    + "' is being uploaded; close the upload first"));
        }
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw refuse(session, "mkdir", SftpAudit.name(path),
                SftpRefusal.denied("mkdir: directories cannot be created; the upload area is flat"));
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
            throws IOException {
        throw refuse(session, "rename", SftpAudit.name(srcPath), SftpRefusal.denied(
                "rename: files cannot be renamed or moved; upload them under their final name"));
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        String what = symLink ? "symlink" : "link";
        throw refuse(session, what, SftpAudit.name(source),
                SftpRefusal.denied(what + ": links cannot be created in the upload area"));
    }

    @Override
    public void modifyingAttributes(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        for (Map.Entry<String, ?> attribute : attrs.entrySet()) {
            if (attribute.getKey().equals("permissions")) {
                // Clients send the local file's mode with the open (OpenSSH's put does); harmless as long as the
                // platform can still read and replace the file.
                if (!keepsOwnerReadWrite(attribute.getValue())) {
                    throw refuse(session, "setstat", SftpAudit.name(path), SftpRefusal.denied("setstat: "
                            + "permissions must keep the owner's read and write"));
                }
            } else if (!SETTABLE.contains(attribute.getKey())) {
                throw refuse(session, "setstat", SftpAudit.name(path), SftpRefusal.denied("setstat: only file "
                        + "times and permissions can be set, not '" + attribute.getKey() + "'"));
            }
        }
    }

    private static boolean keepsOwnerReadWrite(Object permissions) {
        if (permissions instanceof Collection<?> set) {
            return set.contains(PosixFilePermission.OWNER_READ) && set.contains(PosixFilePermission.OWNER_WRITE);
        }
        if (permissions instanceof Number mode) {
            return (mode.intValue() & 0600) == 0600;
        }
        return false;
    }

    private SftpRefusal refuse(ServerSession session, String operation, String name, SftpRefusal refusal) {
        return refuse(session, operation, name, -1, refusal);
    }

    private SftpRefusal refuse(ServerSession session, String operation, String name, long size,
                               SftpRefusal refusal) {
        audit.refused(session, operation, name, size, refusal.getMessage());
        return refusal;
    }

    private static boolean writes(FileHandle handle) {
        Set<StandardOpenOption> options = handle.getOpenOptions();
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static long count(Path area) throws IOException {
        if (area == null || !Files.isDirectory(area)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(area)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
