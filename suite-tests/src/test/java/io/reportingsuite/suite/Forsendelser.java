package io.reportingsuite.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The sample files of {@code samples/eindkomst} under fresh HovedIndberetningIDs. */
final class Forsendelser {

    /** Record 1000 field 12, Hoved_indberetnings_id: position 90 (1-based), 16 characters. */
    private static final int ID_OFFSET = 89;
    /** Record 1000 field 4, Klok_sendt (ttmmss), is at positions 20-25 (1-based); this is its last digit. */
    private static final int KLOK_SENDT_SECONDS = 24;

    private Forsendelser() {
    }

    /** A new HovedIndberetningID of the system: its prefix and 15 alphanumerics. */
    static String newId(CaseSystem system) {
        long n = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L);
        return system.prefix + "E2E" + Long.toString(n).substring(0, 12);
    }

    /** The system's sample file, byte for byte (CR/LF kept), with {@code id} in record 1000. */
    static byte[] sample(Suite suite, CaseSystem system, String id) throws IOException {
        byte[] file = Files.readAllBytes(suite.sample(system.sample));
        byte[] idBytes = id.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(idBytes, 0, file, ID_OFFSET, idBytes.length);
        return file;
    }

    /** A copy of a sample's bytes with {@code id} in record 1000. */
    static byte[] withId(byte[] sample, String id) {
        byte[] file = sample.clone();
        byte[] idBytes = id.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(idBytes, 0, file, ID_OFFSET, idBytes.length);
        return file;
    }

    /** The same forsendelse sent a second later: still valid, other content (another SHA-256). */
    static byte[] otherContent(byte[] file) {
        byte[] other = file.clone();
        other[KLOK_SENDT_SECONDS] = other[KLOK_SENDT_SECONDS] == '1' ? (byte) '2' : (byte) '1';
        return other;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
