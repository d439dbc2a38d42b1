package io.reportingsuite.forwarder.service;

import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.messaging.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Whether a body can be a forsendelse at all (SPEC §4.2 fejlnr 9004, for when content validation is off at
 * ingest): not empty, the bytes ingest hashed ({@code ContentSha256}, when sent), and a record 1000 first.
 * Content is SKAT's to judge; this only keeps what no one could read from going to SKAT.
 */
public final class PayloadCheck {

    private PayloadCheck() {
    }

    /**
     * @param contentSha256 the hash ingest computed when it accepted the forsendelse, or null
     * @return why the body cannot be a forsendelse (no payload content in it), or null when it can
     */
    public static String problem(byte[] body, String contentSha256) {
        return problem(body.length, contentSha256 == null ? null : Sha256.hex(body), contentSha256, body);
    }

    /**
     * The same checks for a body that was streamed to disk (a large forsendelse), from what was measured while
     * it was written.
     *
     * @param size          bytes in the body
     * @param actualSha256  the body's SHA-256 (hex), or null when there is nothing to compare it with
     * @param contentSha256 the hash ingest computed when it accepted the forsendelse, or null
     * @param head          the body's first bytes, at least its first line
     */
    public static String problem(long size, String actualSha256, String contentSha256, byte[] head) {
        if (size == 0) {
            return "empty body";
        }
        if (contentSha256 != null && !contentSha256.equalsIgnoreCase(actualSha256)) {
            return "body differs from what ingest accepted (ContentSha256)";
        }
        int[] first = {-1};
        try {
            EIndkomstParser.parse(new ByteArrayInputStream(head), v -> {
                if (v.lineNumber() == 1) {
                    first[0] = v.recordType();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return first[0] == 1000 ? null : "first record is not a record 1000";
    }
}
