package io.reportingsuite.contracts.eindkomst;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-class tests eight bytes at a time ("SIMD within a register"): the validator's hot loops ask "all
 * digits?", "all blanks?" and "anything special?" of every field, and a word-wide answer makes that several
 * times cheaper, and the parser asks "where is the next CR or LF?" of every byte. Each method has a byte-by-byte tail; {@code SwarTest} compares them with plain loops.
 */
final class Swar {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    static final long BLANKS = 0x2020202020202020L;
    static final long ZEROS = 0x3030303030303030L;
    private static final long APOSTROPHES = 0x2727272727272727L;
    private static final long DELS = 0x7F7F7F7F7F7F7F7FL;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    private Swar() {
    }

    static long word(byte[] b, int offset) {
        return (long) LONGS.get(b, offset);
    }

    /**
     * The value of eight ASCII digits in {@code w} (first byte the most significant), which the caller has
     * checked with {@link #nonDigits}: three multiply-and-shift steps combine pairs, quads and halves.
     */
    static long eightDigits(long w) {
        long v = w - ZEROS;
        v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
        return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
    }

    /**
     * Lb_nr, the seven digits at {@code base} + 0–6 of a record readable up to {@code base} + 11, or -1 when one
     * is not a digit: one word read, the missing eighth digit a leading '0'.
     */
    static long lbNr(byte[] b, int base) {
        long w = (word(b, base) << 8) | '0';
        return nonDigits(w) == 0 ? eightDigits(w) : -1;
    }

    /**
     * Rec_nr, the four digits at {@code base} + 7–10 of a record readable up to {@code base} + 11, or -1 when
     * one is not a digit.
     */
    static int recNr(byte[] b, int base) {
        long w = (word(b, base + 3) & 0xFFFFFFFF00000000L) | 0x30303030L;
        return nonDigits(w) == 0 ? (int) eightDigits(w) : -1;
    }

    /** High bit set in the bytes of {@code w} that are zero (exact for the lowest; presence exact). */
    static long zeroBytes(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    static boolean allDigits(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (nonDigits(word(b, i)) != 0) {
                return false;
            }
        }
        int rest = end - i;
        if (rest == 0) {
            return true;
        }
        if (i + Long.BYTES <= b.length) {
            // Read a whole word and ignore the bytes past the field: borrows and carries only move upwards.
            return (nonDigits(word(b, i)) & lowBytes(rest)) == 0;
        }
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * High bit set for bytes outside '0'..'9': such a byte borrows below 0x30 or carries past 0x7F when 0x46
     * is added. The lowest flagged byte is exact, which is all a presence test needs.
     */
    static long nonDigits(long w) {
        return ((w - ZEROS) | (w + 0x4646464646464646L)) & HIGHS;
    }

    private static long lowBytes(int count) {
        return (1L << (count << 3)) - 1;
    }

    static boolean allBlank(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (word(b, i) != BLANKS) {
                return false;
            }
        }
        int rest = end - i;
        if (rest == 0) {
            return true;
        }
        if (i + Long.BYTES <= b.length) {
            return ((word(b, i) ^ BLANKS) & lowBytes(rest)) == 0;
        }
        for (; i < end; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** True when the bytes (digits, as checked by the caller) are all {@code '0'}. */
    static boolean allZeros(byte[] b, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (b[i] != '0') {
                return false;
            }
        }
        return true;
    }

    /**
     * Offset of the first word that may hold an apostrophe, a control character or any byte ≥ 0x7F (the
     * caller then looks byte by byte), or {@code end} when the range is plain printable ASCII.
     */
    static int firstSuspectWord(byte[] b, int offset, int end) {
        int i = offset;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (suspects(word(b, i)) != 0) {
                return i;
            }
        }
        return i;
    }

    /**
     * Index of the first byte in {@code b[from, to)} that is below 0x20 (CR and LF among them), an apostrophe or
     * &ge; 0x7F, or {@code to}: the parser's line scan, which so also tells the validator which lines need a
     * look at their characters.
     */
    static int nextSpecial(byte[] b, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            // The lowest flagged byte is a real match: each test only flags bytes above one of its own matches.
            long hit = suspects(word(b, i));
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x20 || c >= 0x7F || c == '\'') {
                return i;
            }
            i++;
        }
        return i;
    }

    /**
     * High bit set in bytes below 0x20, apostrophes and bytes &ge; 0x7F; the lowest flagged byte is exact (a
     * flag above a real match may be spurious), so a presence test over the lowest bytes of a word is exact.
     */
    static long suspects(long w) {
        long below0x20 = (w - BLANKS) & ~w & HIGHS;
        return below0x20 | zeroBytes(w ^ APOSTROPHES) | zeroBytes(w ^ DELS) | (w & HIGHS);
    }

    /** Index of the first CR or LF in {@code b[from, to)}, or {@code to}. */
    static int nextSeparator(byte[] b, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long w = word(b, i);
            // The lowest flagged byte is always a real match (borrows only flag bytes above a match).
            long hit = zeroBytes(w ^ CRS) | zeroBytes(w ^ LFS);
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < to && b[i] != '\r' && b[i] != '\n') {
            i++;
        }
        return i;
    }
}
