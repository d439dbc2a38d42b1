package io.reportingsuite.receipt.returfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader sees either nothing or all of it (SPEC §2.5): bytes go to
 * {@code <name>.part}, are forced to disk, the file is renamed atomically and the directory entry is forced
 * too. Only then may anyone be told the file exists.
 */
public final class AtomicFileWriter {

    /** Suffix of files being written; SFTP users and retention leave them alone. */
    public static final String PART_SUFFIX = io.reportingsuite.support.retention.RetentionJob.PART_SUFFIX;

    private AtomicFileWriter() {
    }

    public static Path write(Path folder, String fileName, byte[] bytes) throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(fileName);
        Path part = folder.resolve(fileName + PART_SUFFIX);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
        return target;
    }
}
