package io.reportingsuite.support.sftp;

import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A request the SFTP policy refuses. The client receives the status ({@code SSH_FX_PERMISSION_DENIED} for an
 * operation the area does not allow, {@code SSH_FX_FAILURE} for a limit or a file in use) with this exception's
 * message as the status text (the servers built by {@link SftpServers} send it verbatim), so the message names
 * the rule and, for a limit, the limit. It never contains file contents.
 */
public class SftpRefusal extends SftpException {

    private static final long serialVersionUID = 1L;

    public SftpRefusal(int status, String message) {
        super(status, message);
    }

    /** An operation the area's policy does not allow: {@code SSH_FX_PERMISSION_DENIED}. */
    public static SftpRefusal denied(String message) {
        return new SftpRefusal(SftpConstants.SSH_FX_PERMISSION_DENIED, message);
    }

    /** A limit reached or a file in use: {@code SSH_FX_FAILURE}. */
    public static SftpRefusal failure(String message) {
        return new SftpRefusal(SftpConstants.SSH_FX_FAILURE, message);
    }
}
