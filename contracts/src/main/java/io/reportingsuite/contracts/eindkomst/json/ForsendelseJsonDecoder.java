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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.FieldType;
import io.reportingsuite.contracts.eindkomst.RecordSpec;
import io.reportingsuite.contracts.eindkomst.RecordView;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.Property;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.RecordMapping;
import io.reportingsuite.contracts.finding.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An eIndkomst file → its JSON form ({@link ForsendelseJsonModel}). What the encoder computes is dropped
 * (Lb_nr, 9999, line breaks, padding of short lines), so {@code encode(decode(f)) == f} for every file in
 * canonical form (full-length lines, CR/LF, Lb_nr from 1, correct Antal_records) and a normalised file
 * otherwise. What the model cannot hold is reported as {@link JsonRule} D-findings by line and field
 * (unreadable or over-long lines, records out of the model's order, 2111, non-digits in N fields, impossible
 * dates, non-blank fillers, amounts with more than two decimals); the JSON is then incomplete. Content rules
 * are the validator's business: an invalid but representable file decodes.
 */
public final class ForsendelseJsonDecoder {

    /**
     * @param document the JSON form
     * @param problems D-findings; when not empty the document leaves those records or fields out
     * @param lines    lines read
     */
    public record Decoded(ObjectNode document, List<Finding> problems, long lines) {

        public boolean complete() {
            return problems.isEmpty();
        }
    }

    private ForsendelseJsonDecoder() {
    }

    public static Decoded decode(byte[] file) {
        try {
            return decode(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Decoded decode(InputStream in) throws IOException {
        Session s = new Session();
        long lines = EIndkomstParser.parse(in, s);
        return new Decoded(s.root, List.copyOf(s.problems), lines);
    }

    private enum Phase { START, HEADER, EMPLOYER, EMPLOYMENTS, INCOME, REVERSALS, END }

    private static final class Session implements Consumer<RecordView> {

        private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

        final ObjectNode root = JSON.objectNode();
        final List<Finding> problems = new ArrayList<>();
        private Phase phase = Phase.START;
        private String previousType;
        private ObjectNode lastEmployment;
        private ObjectNode group;
        private ObjectNode person;

        @Override
        public void accept(RecordView v) {
            long line = v.lineNumber();
            RecordSpec spec = v.spec();
            if (spec == null || v.lbNr() < 0) {
                problem(JsonRule.D01, line, null, null, JsonRule.D01.summary());
                previousType = null;
                return;
            }
            String type = spec.type();
            if (v.length() > spec.length()) {
                problem(JsonRule.D01, line, type, null, "The line is longer than its record type.");
                previousType = null;
                return;
            }
            if (!place(v, spec, line)) {
                problem(JsonRule.D02, line, type, null, JsonRule.D02.summary());
                previousType = null;
                return;
            }
            previousType = type;
        }

        /** Puts the record where the model holds it; false when it has no place there. */
        private boolean place(RecordView v, RecordSpec spec, long line) {
            String type = spec.type();
            switch (type) {
                case "1000" -> {
                    if (phase != Phase.START) {
                        return false;
                    }
                    root.set(INDBERETTER, object(v, ForsendelseJsonModel.R1000, line));
                    phase = Phase.HEADER;
                }
                case "2001" -> {
                    if (phase != Phase.HEADER) {
                        return false;
                    }
                    root.set(VIRKSOMHED, object(v, ForsendelseJsonModel.R2001, line));
                    phase = Phase.EMPLOYER;
                }
                case "2101" -> {
                    if (phase != Phase.EMPLOYER && phase != Phase.EMPLOYMENTS) {
                        return false;
                    }
                    lastEmployment = object(v, ForsendelseJsonModel.R2101, line);
                    array(root, ANSAETTELSER).add(lastEmployment);
                    phase = Phase.EMPLOYMENTS;
                }
                case "8001" -> {
                    ObjectNode owner = "2101".equals(previousType) ? lastEmployment
                            : "6000".equals(previousType) ? person : null;
                    if (owner == null) {
                        return false;
                    }
                    owner.set(SUPPLERENDE, object(v, ForsendelseJsonModel.R8001, line));
                }
                case "5000" -> {
                    if (phase.compareTo(Phase.EMPLOYER) < 0 || phase.compareTo(Phase.INCOME) > 0) {
                        return false;
                    }
                    group = object(v, ForsendelseJsonModel.R5000, line);
                    person = null;
                    array(root, INDKOMSTER).add(group);
                    phase = Phase.INCOME;
                }
                case "6000" -> {
                    if (phase != Phase.INCOME) {
                        return false;
                    }
                    person = object(v, ForsendelseJsonModel.R6000, line);
                    array(group, PERSONER).add(person);
                }
                case "6001", "6002", "6003", "6004", "6005" -> {
                    if (phase != Phase.INCOME || person == null) {
                        return false;
                    }
                    ObjectNode detail = JSON.objectNode().put(REC_NR, type);
                    detail.setAll(object(v, ForsendelseJsonModel.LINES.get(type), line));
                    array(person, LINJER).add(detail);
                }
                case "4101" -> {
                    if (phase.compareTo(Phase.EMPLOYER) < 0 || phase == Phase.END) {
                        return false;
                    }
                    array(root, TILBAGEFOERSLER).add(object(v, ForsendelseJsonModel.R4101, line));
                    phase = Phase.REVERSALS;
                }
                case "9999" -> {
                    if (phase == Phase.START || phase == Phase.END) {
                        return false;
                    }
                    phase = Phase.END;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private ObjectNode object(RecordView v, RecordMapping m, long line) {
            ObjectNode node = JSON.objectNode();
            String type = m.spec().type();
            for (FieldSpec f : m.spec().fields()) {
                if (f.type() == FieldType.FILLER && !v.isBlank(f)) {
                    problem(JsonRule.D03, line, type, f, "The filler is not blank.");
                }
            }
            for (Map.Entry<Integer, String> c : m.constants().entrySet()) {
                FieldSpec f = m.spec().field(c.getKey());
                if (!v.raw(f).equals(c.getValue())) {
                    problem(JsonRule.D03, line, type, f, "The field does not hold the value the platform writes.");
                }
            }
            for (Property p : m.properties()) {
                FieldSpec f = p.field();
                if (p.fields().stream().allMatch(v::isBlank)) {
                    continue;
                }
                switch (p.kind()) {
                    case TEXT -> node.put(p.name(), v.value(f));
                    case DIGITS -> {
                        if (digits(v, f, line, type)) {
                            node.put(p.name(), v.raw(f));
                        }
                    }
                    case DATE -> {
                        try {
                            if (digits(v, f, line, type)) {
                                node.put(p.name(), LocalDate.parse(v.raw(f), ForsendelseJsonEncoder.FILE_DATE)
                                        .toString());
                            }
                        } catch (DateTimeParseException e) {
                            problem(JsonRule.D03, line, type, f, "The field is not a valid date yyyyMMdd.");
                        }
                    }
                    case TIME -> {
                        try {
                            if (digits(v, f, line, type)) {
                                node.put(p.name(), LocalTime.parse(v.raw(f), ForsendelseJsonEncoder.FILE_TIME)
                                        .format(ForsendelseJsonEncoder.JSON_TIME));
                            }
                        } catch (DateTimeParseException e) {
                            problem(JsonRule.D03, line, type, f, "The field is not a valid time HHmmss.");
                        }
                    }
                    case HUNDREDTHS -> {
                        FieldSpec decimals = p.fields().get(1);
                        if (digits(v, f, line, type) & digits(v, decimals, line, type)) {
                            String d = v.raw(decimals);
                            if (!d.substring(2).chars().allMatch(c -> c == '0')) {
                                problem(JsonRule.D03, line, type, decimals,
                                        "The amount has more than two decimals.");
                            } else {
                                node.put(p.name(), v.number(f) * 100 + Integer.parseInt(d.substring(0, 2)));
                            }
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            return node;
        }

        private boolean digits(RecordView v, FieldSpec f, long line, String type) {
            if (v.isDigits(f)) {
                return true;
            }
            problem(JsonRule.D03, line, type, f, "The numeric field is neither all digits nor blank.");
            return false;
        }

        private static ArrayNode array(ObjectNode owner, String name) {
            ArrayNode a = (ArrayNode) owner.get(name);
            return a != null ? a : owner.putArray(name);
        }

        private void problem(JsonRule rule, long line, String type, FieldSpec f, String message) {
            problems.add(Finding.error(rule.code(), line, type, f == null ? 0 : f.number(),
                    f == null ? null : f.name(), message));
        }
    }
}
