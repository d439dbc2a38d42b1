package io.reportingsuite.contracts.eindkomst.json;

import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.ANSAETTELSER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.INDBERETTER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.INDKOMSTER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.LINJER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.PERSONER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.REC_NR;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.SUPPLERENDE;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.TILBAGEFOERSLER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.VIRKSOMHED;

import com.fasterxml.jackson.databind.JsonNode;
import io.reportingsuite.contracts.messaging.Sha256;
import io.reportingsuite.contracts.eindkomst.EIndkomstWriter;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordBuilder;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.Property;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.RecordMapping;
import io.reportingsuite.contracts.finding.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * JSON → the ISO-8859-1, CR/LF eIndkomst file, written record by record through {@link EIndkomstWriter}
 * (which numbers Lb_nr and appends the 9999 with Antal_records). While writing it records in a
 * {@link SourceMap} which JSON object every line came from, so validator findings map to JSON pointers.
 * What cannot be written at all (wrong JSON type, unknown property, too long, not digits, not an ISO date)
 * is reported as {@link JsonRule} J-findings with their pointer, and then no file is produced. Whether the
 * content is right is left to the validator. Thread-safe; holds nothing between calls.
 */
public final class ForsendelseJsonEncoder {

    static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("HHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Trailing decimals beyond the two of øre/hundredths (no decimal field is longer). */
    private static final String ZEROS = "0000000000";

    private static final Set<String> ROOT = Set.of(INDBERETTER, VIRKSOMHED, ANSAETTELSER, INDKOMSTER,
            TILBAGEFOERSLER);

    /**
     * The outcome of one encoding.
     *
     * @param file      the file, or null when {@code problems} is not empty
     * @param records   lines written including 1000 and 9999
     * @param problems  J-findings with their pointers; empty when the file was written
     * @param sourceMap line → JSON object, for mapping validator findings
     */
    public record Encoded(byte[] file, long records, List<PointedFinding> problems, SourceMap sourceMap) {

        public boolean written() {
            return file != null;
        }

        /** Lower-case hex SHA-256 of the file. */
        public String sha256() {
            return Sha256.hex(file);
        }
    }

    private ForsendelseJsonEncoder() {
    }

    public static Encoded encode(JsonNode document) {
        Session s = new Session();
        s.document(document);
        return s.finish();
    }

    private static final class Session {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        private final EIndkomstWriter writer = new EIndkomstWriter(out);
        private final SourceMap map = new SourceMap();
        private final List<PointedFinding> problems = new ArrayList<>();

        void document(JsonNode doc) {
            if (doc == null || !doc.isObject()) {
                problem(JsonRule.J01, "", 0, null, null, "The forsendelse must be a JSON object.");
                return;
            }
            unknown(doc, "", ROOT);
            JsonNode indberetter = doc.get(INDBERETTER);
            if (indberetter == null) {
                problem(JsonRule.J01, "", 1, "1000", null, "The forsendelse needs an indberetter object.");
            } else {
                record(indberetter, "/" + INDBERETTER, ForsendelseJsonModel.R1000, Set.of());
            }
            JsonNode virksomhed = doc.get(VIRKSOMHED);
            if (virksomhed == null) {
                problem(JsonRule.J01, "", line(), "2001", null, "The forsendelse needs a virksomhed object.");
            } else {
                record(virksomhed, "/" + VIRKSOMHED, ForsendelseJsonModel.R2001, Set.of());
            }
            forEach(doc, ANSAETTELSER, "", (a, p) -> {
                if (record(a, p, ForsendelseJsonModel.R2101, Set.of(SUPPLERENDE))) {
                    supplement(a, p);
                }
            });
            forEach(doc, INDKOMSTER, "", (group, gp) -> {
                if (record(group, gp, ForsendelseJsonModel.R5000, Set.of(PERSONER))) {
                    forEach(group, PERSONER, gp, (person, pp) -> {
                        if (record(person, pp, ForsendelseJsonModel.R6000, Set.of(SUPPLERENDE, LINJER))) {
                            supplement(person, pp);
                            forEach(person, LINJER, pp, this::line);
                        }
                    });
                }
            });
            forEach(doc, TILBAGEFOERSLER, "", (t, p) -> record(t, p, ForsendelseJsonModel.R4101, Set.of()));
        }

        private void unknown(JsonNode node, String pointer, Set<String> known) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    problem(JsonRule.J02, pointer + "/" + escape(name), 0, null, null, JsonRule.J02.summary());
                }
            }
        }

        private void supplement(JsonNode owner, String ownerPointer) {
            JsonNode s = owner.get(SUPPLERENDE);
            if (s != null && !s.isNull()) {
                record(s, ownerPointer + "/" + SUPPLERENDE, ForsendelseJsonModel.R8001, Set.of());
            }
        }

        private void line(JsonNode node, String pointer) {
            JsonNode recNr = node.isObject() ? node.get(REC_NR) : null;
            RecordMapping mapping = recNr != null && recNr.isTextual()
                    ? ForsendelseJsonModel.LINES.get(recNr.textValue()) : null;
            if (mapping == null) {
                problem(JsonRule.J01, recNr == null ? pointer : pointer + "/" + REC_NR, line(), null, null,
                        "A line needs recNr 6001, 6002, 6003, 6004 or 6005.");
                return;
            }
            record(node, pointer, mapping, Set.of(REC_NR));
        }

        private interface Visitor {
            void visit(JsonNode element, String pointer);
        }

        private void forEach(JsonNode owner, String name, String ownerPointer, Visitor visitor) {
            JsonNode array = owner.get(name);
            String pointer = ownerPointer + "/" + name;
            if (array == null || array.isNull()) {
                return;
            }
            if (!array.isArray()) {
                problem(JsonRule.J01, pointer, line(), null, null, "The property must be an array.");
                return;
            }
            for (int i = 0; i < array.size(); i++) {
                visitor.visit(array.get(i), pointer + "/" + i);
            }
        }

        /** Writes one record from {@code node}; false when the node is not an object (nothing written). */
        private boolean record(JsonNode node, String pointer, RecordMapping m, Set<String> children) {
            long lineNumber = line();
            if (!node.isObject()) {
                problem(JsonRule.J01, pointer, lineNumber, m.spec().type(), null, "The value must be an object.");
                return false;
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (m.property(name) == null && !children.contains(name)) {
                    problem(JsonRule.J02, pointer + "/" + escape(name), lineNumber, m.spec().type(), null,
                            JsonRule.J02.summary());
                }
            }
            RecordBuilder b = RecordBuilder.of(m.spec());
            m.constants().forEach(b::set);
            long present = 0;
            for (Property p : m.properties()) {
                JsonNode v = node.get(p.name());
                if (v == null || v.isNull()) {
                    continue;
                }
                if (set(b, p, v, pointer + "/" + p.name(), lineNumber)) {
                    for (FieldSpec f : p.fields()) {
                        present |= 1L << f.number();
                    }
                }
            }
            map.add(pointer, m, present);
            try {
                writer.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }

        private boolean set(RecordBuilder b, Property p, JsonNode v, String pointer, long lineNumber) {
            FieldSpec f = p.field();
            String type = b.spec().type();
            try {
                switch (p.kind()) {
                    case TEXT, DIGITS -> {
                        if (!v.isTextual()) {
                            return wrongType(pointer, lineNumber, type, f, "a string");
                        }
                        b.set(f.number(), v.textValue());
                    }
                    case DATE -> {
                        if (!v.isTextual()) {
                            return wrongType(pointer, lineNumber, type, f, "an ISO date string");
                        }
                        b.set(f.number(), LocalDate.parse(v.textValue()).format(FILE_DATE));
                    }
                    case TIME -> {
                        if (!v.isTextual()) {
                            return wrongType(pointer, lineNumber, type, f, "a time string HH:mm:ss");
                        }
                        b.set(f.number(), LocalTime.parse(v.textValue(), JSON_TIME).format(FILE_TIME));
                    }
                    case HUNDREDTHS -> {
                        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                            return wrongType(pointer, lineNumber, type, f, "an integer in hundredths");
                        }
                        long value = v.longValue();
                        if (value < 0) {
                            problem(JsonRule.J03, pointer, lineNumber, type, f,
                                    "The amount must not be negative; the sign goes into fortegn.");
                            return false;
                        }
                        FieldSpec decimals = p.fields().get(1);
                        b.set(f.number(), value / 100);
                        int cents = (int) (value % 100);
                        b.set(decimals.number(), (char) ('0' + cents / 10) + String.valueOf((char) ('0' + cents % 10))
                                + ZEROS.substring(0, decimals.length() - 2));
                    }
                    default -> throw new IllegalStateException();
                }
                return true;
            } catch (DateTimeParseException e) {
                problem(JsonRule.J04, pointer, lineNumber, type, f, JsonRule.J04.summary());
            } catch (IllegalArgumentException e) {
                // RecordBuilder's sentence names record, field and reason, never the value.
                problem(JsonRule.J03, pointer, lineNumber, type, f, e.getMessage());
            }
            return false;
        }

        private boolean wrongType(String pointer, long lineNumber, String type, FieldSpec f, String expected) {
            problem(JsonRule.J01, pointer, lineNumber, type, f, "The value must be " + expected + ".");
            return false;
        }

        private void problem(JsonRule rule, String pointer, long lineNumber, String type, FieldSpec f,
                             String message) {
            problems.add(new PointedFinding(Finding.error(rule.code(), lineNumber, type, f == null ? 0 : f.number(),
                    f == null ? null : f.name(), message), pointer));
        }

        /** The line the next record gets. */
        private long line() {
            return writer.written() + 1;
        }

        Encoded finish() {
            try {
                writer.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            map.add("", null, 0);
            return new Encoded(problems.isEmpty() ? out.toByteArray() : null, writer.written(),
                    List.copyOf(problems), map);
        }
    }

    /** RFC 6901: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
