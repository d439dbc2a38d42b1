package io.reportingsuite.ingest.styret;

import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.sftp.UploadTracker;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which files of the Styret upload areas are in use: being uploaded by SFTP right now, or claimed by a
 * notification. The SFTP server refuses to overwrite, append to or delete a file in use; a notification (SOAP
 * or trigger file) claims its data file with {@link #claim} before it checks and moves it, and is refused while
 * the file's upload is still open (SPEC §2.4: the data file is uploaded first, then notified).
 */
@ApplicationScoped
public class StyretUploads {

    /** Reason of the {@link TriggerRefused} for a data file still being uploaded or already being notified. */
    public static final String FILE_IN_USE = "FILE_IN_USE";

    private final UploadTracker tracker = new UploadTracker();

    /** The tracker the SFTP server's upload policy shares. */
    public UploadTracker tracker() {
        return tracker;
    }

    /** Whether the system's file is being uploaded (an SFTP write handle on it is open). */
    public boolean uploading(RegisteredSystem system, String fileName) {
        return tracker.uploading(system.sftpUser(), fileName);
    }

    /**
     * Claims a file of the system's upload area for processing; close the claim when the file has been moved
     * (or the notification refused). While claimed, SFTP writes and deletes of the file are refused.
     *
     * @throws TriggerRefused {@link #FILE_IN_USE} when its upload is still open or another notification holds it
     */
    public UploadTracker.Claim claim(RegisteredSystem system, String fileName) {
        try {
            return tracker.claim(system.sftpUser(), fileName);
        } catch (UploadTracker.FileInUse e) {
            throw new TriggerRefused(FILE_IN_USE, e.getMessage());
        }
    }
}
