package io.reportingsuite.receipt.skattekort;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic ids for Beskedfordeler messages (SPEC §2.6, assumption A5): name-based UUIDs, version 5
 * (RFC 9562), of SKAT's forsendelse id and the card's position, so re-processing a SKAT message yields the
 * very same BeskedId and the broker's duplicate detection and our own log recognise it.
 */
public final class BeskedIds {

    /** The namespace of the suite's skattekort BeskedIds (a fixed, random UUID). */
    static final UUID NAMESPACE = UUID.fromString("8d2f5e0a-3c7b-4e61-9f0d-770b5ca77e01");

    private BeskedIds() {
    }

    /** @param position 1-based position of the card in SKAT's forsendelse */
    public static UUID beskedId(String skatForsendelseId, int position) {
        return nameBased(NAMESPACE, skatForsendelseId + "/" + position);
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
