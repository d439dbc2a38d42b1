package io.reportingsuite.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** The repository's sample files, re-keyed to a fresh HovedIndberetningID so every test has its own. */
public final class Samples {

    /** Record 1000 field 12 (Hoved_indberetnings_id): position 90, 16 characters. */
    private static final int ID_OFFSET = 89;
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private Samples() {
    }

    /** A new id for the system prefix, e.g. {@code A} for KY. */
    public static String newId(char prefix) {
        return prefix + String.format("T%014d", SEQUENCE.incrementAndGet());
    }

    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(Path.of("..", "samples", "eindkomst", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with record 1000 field 12 set to {@code id}. */
    public static byte[] withId(String name, String id) {
        byte[] file = read(name);
        byte[] key = id.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(key, 0, file, ID_OFFSET, key.length);
        return file;
    }
}
