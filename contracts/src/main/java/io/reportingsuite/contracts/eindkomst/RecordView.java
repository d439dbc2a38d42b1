package io.reportingsuite.contracts.eindkomst;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of an eIndkomst file as seen by a {@link EIndkomstParser} callback. It is a window on the
 * parser's reused buffer: valid only during the callback, never to be kept. Bytes past the end of a short
 * line read as blanks (SPEC §3.1: trailing blanks may be omitted). Of an over-long line only the first
 * {@link #KEPT} bytes are held; {@link #length()} still tells the real length.
 */
public final class RecordView {

    /** Bytes of a line that are kept: more than any record type needs. */
    public static final int KEPT = 256;

    final byte[] bytes = new byte[KEPT];
    int length;
    long lineNumber;
    LineBreak lineBreak;
    /**
     * No byte of the line is a control character, an apostrophe or &ge; 0x7F, as the parser saw while finding
     * its end: the validator's character rules (F20, F21) then have nothing to look at. False only means
     * "look byte by byte".
     */
    boolean plain;
    /** Bytes of {@link #bytes} that are valid: the line's own, then blanks padded on demand. */
    private int valid;

    RecordView() {
    }

    /** Called by the parser once the line is complete. */
    void complete(long number, int lineLength, LineBreak brk, boolean plainBytes) {
        lineNumber = number;
        plain = plainBytes;
        length = lineLength;
        lineBreak = brk;
        valid = Math.min(length, KEPT);
    }

    /**
     * Makes the first {@code end} bytes readable, blank-padding a short line. Padding lazily matters: most
     * lines are full length and need none.
     */
    void padTo(int end) {
        if (end > valid) {
            Arrays.fill(bytes, valid, end, (byte) ' ');
            valid = end;
        }
    }

    /** 1-based physical line number. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Real length of the line in bytes, without the separator. */
    public int length() {
        return length;
    }

    public LineBreak lineBreak() {
        return lineBreak;
    }

    /** Rec_nr (positions 8–11) as a number, or -1 when the line is too short or it is not numeric. */
    public int recordType() {
        padTo(RecordLayouts.MIN_LINE_LENGTH);
        return length < RecordLayouts.MIN_LINE_LENGTH ? -1 : Swar.recNr(bytes, 0);
    }

    /** Lb_nr (positions 1–7) as a number, or -1 when the line is too short or it is not numeric. */
    public long lbNr() {
        padTo(RecordLayouts.MIN_LINE_LENGTH);
        return length < RecordLayouts.MIN_LINE_LENGTH ? -1 : Swar.lbNr(bytes, 0);
    }

    /** The layout of this line's record type, or null when the type is unknown or unreadable. */
    public RecordSpec spec() {
        int type = recordType();
        return type < 0 ? null : RecordLayouts.byType(type);
    }

    /** The field's text exactly as laid out (with padding). Allocates; use for the few fields you need. */
    public String raw(FieldSpec field) {
        padTo(field.end());
        return new String(bytes, field.offset(), field.length(), StandardCharsets.ISO_8859_1);
    }

    /** The field's text without trailing blanks (and, for N fields, as it is: zero padding kept). */
    public String value(FieldSpec field) {
        padTo(field.end());
        int end = field.offset() + field.length();
        while (end > field.offset() && bytes[end - 1] == ' ') {
            end--;
        }
        return new String(bytes, field.offset(), end - field.offset(), StandardCharsets.ISO_8859_1);
    }

    public boolean isBlank(FieldSpec field) {
        padTo(field.end());
        return Swar.allBlank(bytes, field.offset(), field.length());
    }

    public boolean isDigits(FieldSpec field) {
        padTo(field.end());
        return Swar.allDigits(bytes, field.offset(), field.length());
    }

    /** The byte at a 0-based offset in the (blank-padded) line. */
    public byte byteAt(int offset) {
        padTo(offset + 1);
        return bytes[offset];
    }

    /** The numeric value of an all-digit field (up to 18 digits), or -1 when it is not all digits. */
    public long number(FieldSpec field) {
        padTo(field.end());
        return digits(field.offset(), field.length());
    }

    private long digits(int offset, int len) {
        long value = 0;
        for (int i = offset; i < offset + len; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
