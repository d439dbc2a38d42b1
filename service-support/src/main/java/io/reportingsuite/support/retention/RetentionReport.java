package io.reportingsuite.support.retention;

import java.nio.file.Path;
import java.util.List;

/** What one retention run did: files warned about, files deleted and the bytes freed. */
public record RetentionReport(List<Path> warned, List<Path> deleted, long deletedBytes) {

    public RetentionReport {
        warned = List.copyOf(warned);
        deleted = List.copyOf(deleted);
    }
}
