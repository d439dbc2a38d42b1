package io.reportingsuite.support.sftp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which files of the upload areas are in use right now, by SFTP user and file name: being uploaded (a write
 * handle is open) or claimed by the platform for processing (a notification checking or moving the file). The
 * {@link UploadAreaPolicy} refuses to overwrite, append to or delete a file in use; a notification claims the
 * data file first and is refused while its upload is still open. In memory: after a restart no upload is open.
 */
public final class UploadTracker {

    private final Map<String, Integer> uploading = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();

    /** Whether a write handle on the file is open. */
    public synchronized boolean uploading(String user, String fileName) {
        return uploading.containsKey(key(user, fileName));
    }

    /** Whether the platform has claimed the file for processing. */
    public synchronized boolean claimed(String user, String fileName) {
        return claimed.contains(key(user, fileName));
    }

    /**
     * Claims a file for processing until the claim is closed; while claimed, SFTP writes and deletes of it are
     * refused.
     *
     * @throws FileInUse when its upload is still open or it is already claimed
     */
    public synchronized Claim claim(String user, String fileName) throws FileInUse {
        String key = key(user, fileName);
        if (uploading.containsKey(key)) {
            throw new FileInUse("'" + fileName + "' is still being uploaded (its SFTP write handle is open); "
                    + "notify it after the upload is closed");
        }
        if (!claimed.add(key)) {
            throw new FileInUse("'" + fileName + "' is already being processed by another notification");
        }
        return new Claim(key);
    }

    synchronized void opened(String user, String fileName) {
        uploading.merge(key(user, fileName), 1, Integer::sum);
    }

    synchronized void closed(String user, String fileName) {
        uploading.computeIfPresent(key(user, fileName), (k, n) -> n == 1 ? null : n - 1);
    }

    private synchronized void release(String key) {
        claimed.remove(key);
    }

    private static String key(String user, String fileName) {
        return user + "/" + fileName;
    }

    /** A held claim; closing it (once or more) releases the file. */
    public final class Claim implements AutoCloseable {

        private final String key;

        private Claim(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            release(key);
        }
    }

    /** The file cannot be claimed: its upload is open or another claim holds it. */
    public static final class FileInUse extends Exception {

        private static final long serialVersionUID = 1L;

        public FileInUse(String message) {
            super(message);
        }
    }
}
