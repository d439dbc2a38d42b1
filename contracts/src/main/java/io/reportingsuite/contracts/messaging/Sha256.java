package io.reportingsuite.contracts.messaging;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one content hash of the suite: lower-case hex SHA-256 of a body, as carried in
 * {@link MessageProperties#CONTENT_SHA256}, used as a fallback key and shown in the simulator's ledger.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** Lower-case hex SHA-256 of {@code bytes} (64 characters). */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
