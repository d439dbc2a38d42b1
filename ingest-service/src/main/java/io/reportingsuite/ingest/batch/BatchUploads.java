package io.reportingsuite.ingest.batch;

import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.support.sftp.UploadTracker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which files of the channels' IN and INTEST folders are still being uploaded (an SFTP write handle is open): one
 * {@link UploadTracker} per folder, shared by the SFTP server's upload policies and the detection, which leaves a
 * file alone until its upload is closed.
 */
@ApplicationScoped
public class BatchUploads {

    private final Map<BatchFolder, UploadTracker> trackers = new EnumMap<>(Map.of(
            BatchFolder.IN, new UploadTracker(), BatchFolder.INTEST, new UploadTracker()));

    /** The tracker of an upload folder (IN or INTEST). */
    public UploadTracker tracker(BatchFolder folder) {
        UploadTracker tracker = trackers.get(folder);
        if (tracker == null) {
            throw new IllegalArgumentException(folder + " is not an upload folder");
        }
        return tracker;
    }

    /** Whether the channel's file in the folder is being uploaded right now. */
    public boolean uploading(String channelUser, BatchFolder folder, String fileName) {
        return tracker(folder).uploading(channelUser, fileName);
    }
}
