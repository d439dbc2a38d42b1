package io.reportingsuite.support.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SFTP subsystem of our servers: MINA's, with the policy listeners, the audit, {@link SftpRefusal} texts sent
 * to the client verbatim (other errors keep MINA's generic text, which never names server paths), the
 * {@code copy-data}/{@code copy-file} extensions refused (they would write without the policy's write checks),
 * and optionally:
 * <ul>
 * <li>a <b>flat area</b>: every path a client names must be the area itself or a file directly in it; {@code ..}
 * above the area and paths naming directories below or outside it are refused with "permission denied"
 * before anything is resolved (the chroot would only have folded them back into the area);</li>
 * <li>an {@link UploadAreaPolicy}, whose upload-closed hook runs after a clean close and may answer it.</li>
 * <li>or, instead of both, a <b>folder area</b> ({@link FolderAreaPolicy}): every path must be the area, one of
 * its fixed folders or a file directly in one of them; the folder's policy decides, and an upload policy's hook
 * runs after a close in its folder.</li>
 * </ul>
 */
public final class PolicySftpSubsystemFactory extends SftpSubsystemFactory {

    private final SftpAudit audit;
    private final boolean flatArea;
    private final UploadAreaPolicy uploads;
    private final FolderAreaPolicy folders;

    /**
     * @param audit    the server's audit (registered after the policies, so it sees their outcome)
     * @param flatArea refuse paths that are not the area or a file directly in it
     * @param uploads  the upload policy whose hook runs after a close, or null
     * @param policies the policy listeners, in order
     */
    public PolicySftpSubsystemFactory(SftpAudit audit, boolean flatArea, UploadAreaPolicy uploads,
                                      SftpEventListener... policies) {
        this(audit, flatArea, uploads, (FolderAreaPolicy) null, policies);
    }

    /**
     * A server whose areas have fixed folders, each with its own policy (e.g. the batch channel's IN, INTEST,
     * OUT, OUTTEST).
     *
     * @param audit   the server's audit (registered after the policy)
     * @param folders the folders and their policies
     */
    public PolicySftpSubsystemFactory(SftpAudit audit, FolderAreaPolicy folders) {
        this(audit, false, null, folders, folders);
    }

    private PolicySftpSubsystemFactory(SftpAudit audit, boolean flatArea, UploadAreaPolicy uploads,
                                       FolderAreaPolicy folders, SftpEventListener... policies) {
        this.audit = audit;
        this.flatArea = flatArea;
        this.uploads = uploads;
        this.folders = folders;
        for (SftpEventListener policy : policies) {
            addSftpEventListener(policy);
        }
        addSftpEventListener(audit);
        setErrorStatusDataHandler(new SftpErrorStatusDataHandler() {
            @Override
            public String resolveErrorMessage(SftpSubsystemEnvironment sftpSubsystem, int id, Throwable e,
                                              int subStatus, int cmd, Object... args) {
                return e instanceof SftpRefusal ? e.getMessage()
                        : SftpErrorStatusDataHandler.super.resolveErrorMessage(sftpSubsystem, id, e, subStatus, cmd,
                                args);
            }
        });
    }

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
        PolicySubsystem subsystem = new PolicySubsystem(channel, this);
        getRegisteredListeners().forEach(subsystem::addSftpEventListener);
        return subsystem;
    }

    /**
     * Checks a client's path against the flat area: after folding {@code .} and {@code ..}, at most one name
     * below the area's root, and no {@code ..} above it.
     */
    static String flatAreaViolation(String remotePath) {
        Deque<String> names = new ArrayDeque<>();
        for (String part : remotePath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (names.isEmpty()) {
                    return "path '" + remotePath + "' leaves the upload area ('..' above its root)";
                }
                names.removeLast();
            } else {
                names.addLast(part);
            }
        }
        if (names.size() > 1) {
            return "path '" + remotePath + "' is not a file directly in the area (the area is flat; absolute "
                    + "paths of the server are not visible)";
        }
        return null;
    }

    /**
     * Checks a client's path against a folder area: after folding {@code .} and {@code ..}, the area itself, one
     * of its folders, or a name directly in one of them; no {@code ..} above the root.
     */
    static String folderAreaViolation(String remotePath, java.util.Set<String> folders) {
        Deque<String> names = new ArrayDeque<>();
        for (String part : remotePath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (names.isEmpty()) {
                    return "path '" + remotePath + "' leaves the account's area ('..' above its root)";
                }
                names.removeLast();
            } else {
                names.addLast(part);
            }
        }
        if (!names.isEmpty() && !folders.contains(names.getFirst())) {
            return "path '" + remotePath + "' is not in one of the folders " + String.join(", ", folders)
                    + " (absolute paths of the server are not visible)";
        }
        if (names.size() > 2) {
            return "path '" + remotePath + "' is not a file directly in a folder (the folders " + String.join(", ",
                    folders) + " hold files only)";
        }
        return null;
    }

    private final class PolicySubsystem extends SftpSubsystem {

        PolicySubsystem(ChannelSession channel, SftpSubsystemFactory factory) {
            super(channel, factory);
        }

        @Override
        protected Path resolveFile(String remotePath) throws IOException, InvalidPathException {
            if ((flatArea || folders != null) && remotePath != null) {
                String violation = folders != null ? folderAreaViolation(remotePath, folders.folders())
                        : flatAreaViolation(remotePath);
                if (violation != null) {
                    audit.refused(getServerSession(), "path", remotePath, -1, violation);
                    throw SftpRefusal.denied(violation);
                }
            }
            return super.resolveFile(remotePath);
        }

        @Override
        protected void doClose(int id, String handle) throws IOException {
            Handle local = handles.get(handle);
            super.doClose(id, handle);
            if (uploads != null && local instanceof FileHandle) {
                uploads.afterClose(getServerSession(), local);
            }
            if (folders != null && local instanceof FileHandle) {
                folders.afterClose(getServerSession(), local);
            }
        }

        @Override
        protected void doCopyData(int id, String readHandle, long readOffset, long readLength, String writeHandle,
                                  long writeOffset) throws IOException {
            throw refused("copy-data");
        }

        @Override
        protected void doCopyFile(int id, String srcFile, String dstFile, Collection<CopyOption> opts)
                throws IOException {
            throw refused("copy-file");
        }

        private SftpRefusal refused(String extension) {
            String rule = extension + ": server-side copies are not allowed; upload the file";
            audit.refused(getServerSession(), extension, "-", -1, rule);
            return SftpRefusal.denied(rule);
        }
    }
}
