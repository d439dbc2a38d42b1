package io.reportingsuite.contracts.retur;

import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.FieldType;
import io.reportingsuite.contracts.eindkomst.RecordBuilder;
import io.reportingsuite.contracts.eindkomst.RecordSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts fejladvisering and sumkvittering share: 0001 … body … 9999, ISO-8859-1, every record ended by
 * CR/LF, no blank line at the end. Parsing is strict (exact lengths, separators and count) so that
 * {@code render(parse(bytes))} reproduces the bytes.
 */
final class ReturCodec {

    private static final byte[] CRLF = {'\r', '\n'};

    private ReturCodec() {
    }

    /** One parsed line: its layout and its text. */
    record Line(long number, RecordSpec spec, String text) {

        /** A field without trailing blanks (A) or as written (N); empty when blank. */
        String get(int field) {
            FieldSpec f = spec.field(field);
            String raw = text.substring(f.offset(), f.offset() + f.length());
            return raw.isBlank() ? "" : raw.stripTrailing();
        }

        long number(int field) {
            return Long.parseLong(get(field));
        }
    }

    static byte[] render(RecordBuilder start, List<RecordBuilder> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(start.toBytes());
        out.writeBytes(CRLF);
        for (RecordBuilder r : body) {
            out.writeBytes(r.toBytes());
            out.writeBytes(CRLF);
        }
        out.writeBytes(RecordBuilder.of(ReturLayouts.R9999).set(2, body.size() + 2L).toBytes());
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /** Splits and checks the frame; returns 0001 and the body lines (9999 checked and dropped). */
    static List<Line> parse(byte[] bytes, RecordSpec bodySpec) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n")) {
            throw new ReturFormatException(0, "The file must end with CR/LF after the 9999 record.");
        }
        String[] raw = text.substring(0, text.length() - 2).split("\r\n", -1);
        if (raw.length < 2) {
            throw new ReturFormatException(0, "The file must have a 0001 and a 9999 record.");
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            long number = i + 1;
            RecordSpec spec = i == 0 ? ReturLayouts.R0001 : i == raw.length - 1 ? ReturLayouts.R9999 : bodySpec;
            lines.add(check(number, spec, raw[i]));
        }
        Line end = lines.remove(lines.size() - 1);
        if (end.number(2) != raw.length) {
            throw new ReturFormatException(end.number(), "Antal_Records does not equal the number of records.");
        }
        return lines;
    }

    private static Line check(long number, RecordSpec spec, String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new ReturFormatException(number, "Records must be separated by CR/LF.");
        }
        if (!text.startsWith(spec.type())) {
            throw new ReturFormatException(number, "Expected a " + spec.type() + " record.");
        }
        if (text.length() != spec.length()) {
            throw new ReturFormatException(number, "Record " + spec.type() + " must be " + spec.length()
                    + " characters long.");
        }
        for (FieldSpec f : spec.fields()) {
            String raw = text.substring(f.offset(), f.offset() + f.length());
            boolean blank = raw.isBlank();
            if (blank && f.isMandatory()) {
                throw reject(number, spec, f, "is blank");
            }
            if (!blank && f.type() == FieldType.N && !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw reject(number, spec, f, "is not numeric");
            }
            if (!blank && !f.allowed().isEmpty() && !f.allowed().contains(raw.stripTrailing())) {
                throw reject(number, spec, f, "has a value that is not allowed");
            }
            if (!blank && f.type() == FieldType.A && raw.charAt(0) == ' ') {
                throw reject(number, spec, f, "is not left-aligned");
            }
            // Found by fuzzing (fuzz/ReturCodecPropertiesTest): the model refuses control characters with an
            // IllegalArgumentException; the strict parse must refuse them first, with the line.
            if (raw.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0))) {
                throw reject(number, spec, f, "contains a control character");
            }
        }
        return new Line(number, spec, text);
    }

    private static ReturFormatException reject(long line, RecordSpec spec, FieldSpec f, String why) {
        return new ReturFormatException(line, "Record " + spec.type() + " field " + f.number() + " ("
                + f.name() + ") " + why + ".");
    }

    /** Model-side check: an optional N value is empty or exactly its field's digits, so it renders as is. */
    static String digits(String value, int length, String name) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && (v.length() != length || !v.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException(name + " must be empty or " + length + " digits.");
        }
        return v;
    }

    /** Model-side check: an A value fits, is left-aligned and has no trailing blanks. */
    static String text(String value, int length, String name) {
        String v = value == null ? "" : value;
        if (v.length() > length || !v.equals(v.strip())) {
            throw new IllegalArgumentException(name + " must be at most " + length
                    + " characters without leading or trailing blanks.");
        }
        return v;
    }
}
