package io.reportingsuite.receipt.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
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
 * What a case system may do in its folder: list, download, delete. Everything that would create or change
 * content (open for write, mkdir, rename, link, set attributes) is refused with "permission denied"; files
 * still being written ({@code .part}) cannot be opened at all.
 */
final class ReadAndDeleteOnly implements SftpEventListener {

    private static final Set<StandardOpenOption> WRITING = Set.of(StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.TRUNCATE_EXISTING);

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (localHandle instanceof FileHandle file) {
            if (file.getOpenOptions().stream().anyMatch(WRITING::contains)) {
                throw denied(localHandle.getFile());
            }
            if (localHandle.getFile().getFileName().toString().endsWith(".part")) {
                throw denied(localHandle.getFile());
            }
        }
    }

    @Override
    public void creating(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw denied(path);
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<java.nio.file.CopyOption> opts)
            throws IOException {
        throw denied(srcPath);
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        throw denied(source);
    }

    @Override
    public void modifyingAttributes(ServerSession session, Path path, Map<String, ?> attrs) throws IOException {
        throw denied(path);
    }

    @Override
    public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
        if (isDirectory) {
            throw denied(path);
        }
    }

    private static AccessDeniedException denied(Path path) {
        return new AccessDeniedException(String.valueOf(path.getFileName()), null, "read and delete only");
    }
}
