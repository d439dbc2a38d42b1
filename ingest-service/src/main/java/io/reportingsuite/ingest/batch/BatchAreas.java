package io.reportingsuite.ingest.batch;

import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * Where the batch channel keeps files: each channel's SFTP area {@code ingest.data-dir/batch/<user>} (the user's
 * chroot) with its folders IN, INTEST, OUT, OUTTEST; and the channel's own working space {@code
 * ingest.data-dir/batch-work/<user>} (staging, archive, the dev SSH keys), outside every chroot. Both on the same
 * file system, so files move between them atomically.
 */
@ApplicationScoped
public class BatchAreas {

    private final IngestConfig config;

    public BatchAreas(IngestConfig config) {
        this.config = config;
    }

    /** Root of the channels' SFTP areas. */
    public Path root() {
        return config.dataDir().resolve("batch");
    }

    /** The folder a channel's SFTP user is chrooted to. */
    public Path area(String channelUser) {
        return root().resolve(channelUser);
    }

    /** One of the channel's four folders. */
    public Path folder(String channelUser, BatchFolder folder) {
        return area(channelUser).resolve(folder.name());
    }

    /** Root of what the channel keeps for itself, outside every chroot. */
    public Path workRoot() {
        return config.dataDir().resolve("batch-work");
    }

    /** The channel's own working folder (never visible over SFTP). */
    public Path work(String channelUser) {
        return workRoot().resolve(channelUser);
    }
}
