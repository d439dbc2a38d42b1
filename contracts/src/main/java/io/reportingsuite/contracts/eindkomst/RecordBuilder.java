package io.reportingsuite.contracts.eindkomst;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lays out one fixed record from field values through its {@link RecordSpec}: N right-aligned and
 * zero-padded, A left-aligned and blank-padded, unset fields blank, the record type filled in. It rejects
 * what cannot be written faithfully (too long, a non-digit in an N field, a character outside ISO-8859-1
 * or a control character); whether a value makes sense is the validator's business, so tests can write
 * deliberately wrong files. Exception messages name the field, never the value.
 */
public final class RecordBuilder {

    private final RecordSpec spec;
    private final byte[] bytes;

    private RecordBuilder(RecordSpec spec) {
        this.spec = spec;
        this.bytes = new byte[spec.length()];
        Arrays.fill(bytes, (byte) ' ');
        set(spec.typeFieldNumber(), spec.type());
    }

    public static RecordBuilder of(RecordSpec spec) {
        return new RecordBuilder(spec);
    }

    public RecordSpec spec() {
        return spec;
    }

    /** Sets field {@code number}; null or empty leaves it blank. */
    public RecordBuilder set(int number, String value) {
        FieldSpec f = spec.field(number);
        if (value == null || value.isEmpty()) {
            Arrays.fill(bytes, f.offset(), f.offset() + f.length(), (byte) ' ');
            return this;
        }
        if (value.length() > f.length()) {
            throw reject(f, "is longer than " + f.length() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                throw reject(f, "contains a control character or a character outside ISO-8859-1");
            }
            if (f.type() == FieldType.N && (c < '0' || c > '9')) {
                throw reject(f, "is numeric and takes digits only");
            }
        }
        System.arraycopy(f.padded(value), 0, bytes, f.offset(), f.length());
        return this;
    }

    /** Sets the field with this official name. */
    public RecordBuilder set(String name, String value) {
        return set(spec.field(name).number(), value);
    }

    /** Sets a numeric field from a non-negative number. */
    public RecordBuilder set(int number, long value) {
        if (value < 0) {
            throw reject(spec.field(number), "takes no negative number");
        }
        return set(number, Long.toString(value));
    }

    /** A copy of the record bytes, without line separator. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private IllegalArgumentException reject(FieldSpec f, String why) {
        return new IllegalArgumentException("Record " + spec.type() + " field " + f.number() + " ("
                + f.name() + ") " + why + ".");
    }
}
