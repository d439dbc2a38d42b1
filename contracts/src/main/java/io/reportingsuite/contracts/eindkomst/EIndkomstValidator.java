package io.reportingsuite.contracts.eindkomst;

import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.finding.Severity;
import io.reportingsuite.contracts.ident.Cpr;
import io.reportingsuite.contracts.ident.Cvr;
import io.reportingsuite.contracts.ident.Dates;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Validates an eIndkomst file in one streaming pass: the structural rules E01–E11 of SPEC §3.1, the field
 * rules driven by {@link RecordLayouts}, and the KOMBIT rules of SPEC §2.1. All findings are collected (up
 * to the cap); nothing stops at the first. Messages never contain a value from the file.
 */
public final class EIndkomstValidator {

    /** Fields 1 and 2 are the same in every record type. */
    private static final FieldSpec LB_NR = RecordLayouts.R1000.field(1);
    private static final FieldSpec REC_NR = RecordLayouts.R1000.field(2);
    private static final boolean[] INDKOMSTTYPER = new boolean[100];
    /** Bytes that need a second look: the apostrophe and the C0/C1 control characters. */
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            SPECIAL[c] = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\'';
        }
        for (int code : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 24, 26, 28, 29, 30}) {
            INDKOMSTTYPER[code] = true;
        }
    }

    /**
     * The listener of the validate methods without one: the session is then handed the lines directly, and
     * takes plain lines in place ({@link EIndkomstParser.PlainLines}).
     */
    static final Consumer<RecordView> NO_LISTENER = v -> {
    };

    private EIndkomstValidator() {
    }

    public static ValidationResult validate(byte[] file, ValidationOptions options) {
        return validate(file, options, NO_LISTENER);
    }

    /**
     * Validates and, in the same pass, hands every record to {@code listener} before the rules see it, so a
     * caller that needs values of its own from the file (e.g. SE numbers to authorise) does not parse it
     * a second time. The listener must not keep the view: it is only valid during the call.
     */
    public static ValidationResult validate(byte[] file, ValidationOptions options, Consumer<RecordView> listener) {
        return validate(file, options, listener, true);
    }

    /**
     * With {@code fastLane} false every record goes field by field, as before the fast lane existed: for the
     * tests that compare the two.
     */
    static ValidationResult validate(byte[] file, ValidationOptions options, Consumer<RecordView> listener,
                                     boolean fastLane) {
        Session session = new Session(options, fastLane);
        long lines = EIndkomstParser.parse(file, listener == NO_LISTENER ? session : listener.andThen(session));
        return session.finish(lines);
    }

    /** Streams {@code in} through the parser; only I/O failures of the stream itself are thrown. */
    public static ValidationResult validate(InputStream in, ValidationOptions options) throws IOException {
        return validate(in, options, NO_LISTENER);
    }

    /** {@link #validate(byte[], ValidationOptions, Consumer)} for a stream. */
    public static ValidationResult validate(InputStream in, ValidationOptions options, Consumer<RecordView> listener)
            throws IOException {
        Session session = new Session(options, true);
        long lines = EIndkomstParser.parse(in, listener == NO_LISTENER ? session : listener.andThen(session));
        return session.finish(lines);
    }

    /** The per-file state; one instance per validation, so the validator itself is thread-safe. */
    private static final class Session implements Consumer<RecordView>, EIndkomstParser.PlainLines {

        private final ValidationOptions options;
        private final CaseSystem system;
        private final boolean fastLane;
        private final List<Finding> findings = new ArrayList<>();
        private final RecordTypeCounts typeCounts = new RecordTypeCounts();
        private long errors;
        private long warnings;
        private boolean truncated;

        private long previousLbNr;
        private int previousType = -1;
        private boolean seen1000;
        private long line9999;
        private long count9999 = -1;
        private boolean afterEndReported;
        private boolean groupOpen;
        private boolean personOpen;
        private String hovedIndberetningId;

        Session(ValidationOptions options, boolean fastLane) {
            this.options = options;
            this.system = options.system();
            this.fastLane = fastLane;
        }

        /**
         * The fast lane in place: a plain CR/LF line of exactly its record's length whose field and record
         * rules are all silent ({@link FieldPlan#clean}) gets only the bookkeeping and structural rules of
         * {@link #accept}, without being copied. Anything else is declined before any state changes.
         */
        @Override
        public boolean plainLine(byte[] src, int start, int length, long line) {
            if (!fastLane || length < RecordLayouts.MIN_LINE_LENGTH || start + RecordView.KEPT > src.length) {
                return false;
            }
            int type = Swar.recNr(src, start);
            FieldPlan plan = type < 0 ? null : FieldPlan.of(type);
            long lbNr = Swar.lbNr(src, start);
            if (plan == null || !plan.fast || length != plan.recordLength || lbNr < 0 || !plan.clean(src, start)) {
                return false;
            }
            taken(type, plan.typeText, lbNr, line);
            return true;
        }

        /**
         * The fast lane before the parser's scan: the line's length predicted from its Rec_nr, CR/LF right after
         * it, and one pass over the record's words for the plain bytes, masks and operations
         * ({@link FieldPlan#cleanAndPlain}).
         */
        @Override
        public int plainRecord(byte[] src, int start, int limit, long line) {
            if (!fastLane || start + RecordView.KEPT > limit) {
                return -1;
            }
            int type = Swar.recNr(src, start);
            FieldPlan plan = type < 0 ? null : FieldPlan.of(type);
            if (plan == null || !plan.fast) {
                return -1;
            }
            int length = plan.recordLength;
            long lbNr = Swar.lbNr(src, start);
            if (lbNr < 0 || src[start + length] != '\r' || src[start + length + 1] != '\n'
                    || !plan.cleanAndPlain(src, start)) {
                return -1;
            }
            taken(type, plan.typeText, lbNr, line);
            return length;
        }

        /** The per-line rules every readable line gets: its count, Lb_nr's sequence (E03) and the structure. */
        private void taken(int type, String typeText, long lbNr, long line) {
            typeCounts.add(type);
            if (lbNr != previousLbNr + 1) {
                error(Rule.E03, line, typeText, LB_NR);
            }
            previousLbNr = lbNr;
            checkStructure(line, type, typeText);
            previousType = type;
        }

        @Override
        public void accept(RecordView v) {
            long line = v.lineNumber;
            LineBreak brk = v.lineBreak;
            if (brk == LineBreak.LF || brk == LineBreak.CR) {
                Severity severity = options.mode() == ValidationOptions.Mode.ADVISORY
                        ? Severity.WARNING : Severity.ERROR;
                add(new Finding(Rule.E09.code(), severity, line, null, 0, null, Rule.E09.summary()));
            }
            // v.recordType() and v.lbNr(), with one check of the length and the padding.
            int type = -1;
            long lbNr = -1;
            v.padTo(RecordLayouts.MIN_LINE_LENGTH);
            if (v.length >= RecordLayouts.MIN_LINE_LENGTH) {
                type = Swar.recNr(v.bytes, 0);
                lbNr = Swar.lbNr(v.bytes, 0);
            }
            if (type < 0 || lbNr < 0) {
                error(Rule.E02, line, null, null);
                // An unreadable line is still a line in the wrong place when 1000, 2001 or 9999 was due.
                checkStructure(line, -1, null);
                previousLbNr++;
                previousType = -1;
                return;
            }
            FieldPlan plan = FieldPlan.of(type);
            String typeText = plan != null ? plan.typeText : String.format("%04d", type);
            taken(type, typeText, lbNr, line);

            if (plan == null) {
                error(Rule.E11, line, typeText, REC_NR);
                return;
            }
            int length = plan.recordLength;
            v.padTo(length);
            if (fastLane && plan.fast && v.plain && v.length <= length && plan.clean(v.bytes)) {
                // Field and record rules all silent (FieldPlan.clean): nothing to ask field by field.
                return;
            }
            RecordSpec spec = plan.spec;
            if (v.length() > length) {
                error(Rule.E10, line, typeText, null);
            }
            checkFields(v, spec, plan);
            if (!v.plain) {
                checkCharacters(v, spec);
            }
            checkRecord(v, spec, type);
        }

        private void checkStructure(long line, int type, String typeText) {
            if (line9999 > 0 && !afterEndReported) {
                afterEndReported = true;
                error(Rule.E04, line, typeText, null, "A record follows the 9999 record.");
            }
            if (line == 1 && type != 1000) {
                error(Rule.E04, line, typeText, null, "The first record is not a 1000 record.");
            }
            if (previousType == 1000 && type != 2001) {
                error(Rule.E06, line, typeText, null);
            }
            switch (type) {
                case 1000 -> {
                    if (seen1000) {
                        error(Rule.E04, line, typeText, null, "The file has more than one 1000 record.");
                    }
                    seen1000 = true;
                    closeGroup();
                }
                case 9999 -> {
                    if (line9999 > 0) {
                        error(Rule.E04, line, typeText, null, "The file has more than one 9999 record.");
                    } else {
                        line9999 = line;
                    }
                    closeGroup();
                }
                case 2001, 2101, 2111, 4101 -> closeGroup();
                case 5000 -> {
                    groupOpen = true;
                    personOpen = false;
                }
                case 6000 -> {
                    if (!groupOpen) {
                        error(Rule.E07, line, typeText, null, "A 6000 record has no 5000 record before it "
                                + "in its group.");
                    }
                    personOpen = true;
                }
                case 6001, 6002, 6003, 6004, 6005 -> {
                    if (!personOpen) {
                        error(Rule.E07, line, typeText, null, "A 6001-6005 record has no 6000 record before it.");
                    }
                }
                case 8001 -> {
                    if (previousType != 6000 && previousType != 2101) {
                        error(Rule.E12, line, typeText, null);
                    }
                }
                default -> {
                    // Unknown types leave the group as it is.
                }
            }
        }

        private void closeGroup() {
            groupOpen = false;
            personOpen = false;
        }

        private void checkFields(RecordView v, RecordSpec spec, FieldPlan plan) {
            if (plan.fixedBytesValid(v.bytes)) {
                // Fillers blank and mandatory N fields all digits: what is left are the other fields and the
                // value rules of the mandatory N fields, in the same order, so the findings are the same.
                for (int i : plan.rest) {
                    if (plan.kind[i] == FieldPlan.NUMERIC && plan.mandatory[i]) {
                        checkRule(v, spec, plan.field[i]);
                    } else {
                        checkField(v, spec, plan, i);
                    }
                }
            } else {
                for (int i = 0; i < plan.size; i++) {
                    checkField(v, spec, plan, i);
                }
            }
        }

        private void checkField(RecordView v, RecordSpec spec, FieldPlan plan, int i) {
            byte[] b = v.bytes;
            int off = plan.offset[i];
            int len = plan.length[i];
            switch (plan.kind[i]) {
                case FieldPlan.FILLER -> {
                    if (!Swar.allBlank(b, off, len)) {
                        warning(Rule.F06, v.lineNumber(), spec.type(), plan.field[i], Rule.F06.summary());
                    }
                }
                // Optional N fields are mostly blank, so that is asked first for them.
                case FieldPlan.NUMERIC -> {
                    if (!plan.mandatory[i] && Swar.allBlank(b, off, len)) {
                        return;
                    }
                    if (Swar.allDigits(b, off, len)) {
                        if (plan.rule[i] != ValueRule.NONE) {
                            checkRule(v, spec, plan.field[i]);
                        }
                    } else if (!Swar.allBlank(b, off, len)) {
                        error(Rule.F02, v.lineNumber(), spec.type(), plan.field[i]);
                    } else if (plan.mandatory[i]) {
                        error(Rule.F01, v.lineNumber(), spec.type(), plan.field[i]);
                    }
                }
                default -> {
                    if (Swar.allBlank(b, off, len)) {
                        if (plan.mandatory[i]) {
                            error(Rule.F01, v.lineNumber(), spec.type(), plan.field[i]);
                        }
                    } else if (plan.rule[i] != ValueRule.NONE) {
                        checkRule(v, spec, plan.field[i]);
                    }
                }
            }
        }

        /** A non-blank field (all digits when N) against its value rule. */
        private void checkRule(RecordView v, RecordSpec spec, FieldSpec f) {
            byte[] b = v.bytes;
            int o = f.offset();
            Rule broken = switch (f.rule()) {
                case DATE -> isDate(b, o) ? null : Rule.F03;
                case TIME -> isTime(b, o) ? null : Rule.F04;
                case CPR -> Cpr.check(b, o).isValid() ? null : Rule.F10;
                case SE -> Cvr.check(b, o).isValid() ? null : Rule.F11;
                case ALLOWED -> f.matchesAllowed(b, 0) ? null : Rule.F05;
                case INDKOMSTTYPE -> isIndkomsttype(b, o, f.length()) ? null : Rule.F12;
                case FELTNR -> Swar.allZeros(b, o, f.length()) ? Rule.F13 : null;
                case SIGN -> b[o] == '+' || b[o] == '-' ? null : Rule.F14;
                case HOVED_ID -> isHovedIndberetningId(b, o) ? null : Rule.H01;
                case COUNTRY -> isUpper(b[o]) && isUpper(b[o + 1]) ? null : Rule.F15;
                case NONE -> null;
            };
            if (broken != null) {
                error(broken, v.lineNumber(), spec.type(), f);
            }
        }

        /** Apostrophes and control characters, reported once per field and rule. */
        private void checkCharacters(RecordView v, RecordSpec spec) {
            int end = Math.min(v.length(), spec.length());
            int apostropheField = 0;
            int controlField = 0;
            byte[] bytes = v.bytes;
            for (int i = Swar.firstSuspectWord(bytes, 0, end); i < end; i++) {
                int c = bytes[i] & 0xFF;
                if (!SPECIAL[c]) {
                    continue;
                }
                boolean control = c != '\'';
                FieldSpec f = fieldAt(spec, i);
                if (control && f.number() != controlField) {
                    controlField = f.number();
                    error(Rule.F21, v.lineNumber(), spec.type(), f);
                } else if (c == '\'' && f.number() != apostropheField) {
                    apostropheField = f.number();
                    if (f.apostrophePolicy() == Apostrophe.FORBIDDEN) {
                        error(Rule.F20, v.lineNumber(), spec.type(), f);
                    } else if (f.apostrophePolicy() == Apostrophe.WARN) {
                        warning(Rule.F20, v.lineNumber(), spec.type(), f,
                                "An apostrophe in this field is accepted by SKAT's format guide but "
                                        + "rejected by its later guide v7.1.");
                    }
                }
            }
        }

        /** Record-specific and KOMBIT rules. */
        private void checkRecord(RecordView v, RecordSpec spec, int type) {
            long line = v.lineNumber();
            switch (type) {
                case 1000 -> check1000(v, spec, line);
                case 2001 -> {
                    FieldSpec lsb = spec.field(5);
                    if (system != null && !v.isBlank(lsb)) {
                        error(Rule.K02, line, spec.type(), lsb);
                    }
                }
                case 5000 -> {
                    FieldSpec start = spec.field(6);
                    FieldSpec end = spec.field(7);
                    if (v.isDigits(start) && v.isDigits(end) && Arrays.compare(v.bytes, start.offset(),
                            start.offset() + 8, v.bytes, end.offset(), end.offset() + 8) > 0) {
                        error(Rule.F18, line, spec.type(), end);
                    }
                    FieldSpec indkomsttype = spec.field(12);
                    if (system != null && v.isDigits(indkomsttype)
                            && !v.raw(indkomsttype).equals(system.indkomsttype())) {
                        warning(Rule.K01, line, spec.type(), indkomsttype, Rule.K01.summary());
                    }
                }
                case 6000 -> {
                    if (!v.isBlank(spec.field(10)) && v.isBlank(spec.field(11))) {
                        error(Rule.F16, line, spec.type(), spec.field(11));
                    }
                    if (v.isBlank(spec.field(4)) && v.isBlank(spec.field(5)) && v.isBlank(spec.field(6))) {
                        error(Rule.F17, line, spec.type(), spec.field(4));
                    }
                }
                case 2111 -> warning(Rule.K04, line, spec.type(), null, Rule.K04.summary());
                case 9999 -> count9999 = v.number(spec.field(3));
                default -> {
                    // The other records have field rules only.
                }
            }
        }

        private void check1000(RecordView v, RecordSpec spec, long line) {
            FieldSpec idField = spec.field(12);
            String id = v.value(idField);
            if (hovedIndberetningId == null && isHovedIndberetningId(v.bytes, idField.offset())) {
                hovedIndberetningId = id;
            }
            if (system != null && !id.isEmpty() && id.charAt(0) != system.prefix()) {
                error(Rule.H02, line, spec.type(), idField);
            }
            String expected = options.expectedHovedIndberetningId();
            if (expected != null && !expected.equals(id)) {
                error(Rule.E08, line, spec.type(), idField);
            }
            FieldSpec edb = spec.field(10);
            if (system != null && !v.isBlank(edb) && !v.value(edb).equals(system.edbSystem())) {
                warning(Rule.K03, line, spec.type(), edb, Rule.K03.summary());
            }
        }

        ValidationResult finish(long lines) {
            if (lines == 0) {
                error(Rule.E01, 0, null, null);
            } else {
                if (line9999 == 0) {
                    error(Rule.E04, 0, null, null, "The file has no 9999 record.");
                } else if (count9999 >= 0 && count9999 != lines) {
                    error(Rule.E05, line9999, "9999", RecordLayouts.R9999.field(3));
                }
                if (previousType == 1000) {
                    error(Rule.E06, lines, "1000", null);
                }
            }
            Map<String, Long> counts = typeCounts.toMap();
            return new ValidationResult(findings, counts, lines, errors, warnings, truncated,
                    hovedIndberetningId);
        }

        private void error(Rule rule, long line, String type, FieldSpec field) {
            error(rule, line, type, field, rule.summary());
        }

        private void error(Rule rule, long line, String type, FieldSpec field, String message) {
            add(new Finding(rule.code(), Severity.ERROR, line, type, field == null ? 0 : field.number(),
                    field == null ? null : field.name(), message));
        }

        private void warning(Rule rule, long line, String type, FieldSpec field, String message) {
            add(new Finding(rule.code(), Severity.WARNING, line, type, field == null ? 0 : field.number(),
                    field == null ? null : field.name(), message));
        }

        private void add(Finding finding) {
            if (finding.isError()) {
                errors++;
            } else {
                warnings++;
            }
            if (findings.size() < options.maxFindings()) {
                findings.add(finding);
            } else if (!truncated) {
                truncated = true;
                findings.add(Finding.warning(Rule.X01.code(), 0, null, 0, null, Rule.X01.summary()));
            }
        }
    }

    private static FieldSpec fieldAt(RecordSpec spec, int offset) {
        for (FieldSpec f : spec.fields()) {
            if (offset < f.offset() + f.length()) {
                return f;
            }
        }
        throw new IllegalArgumentException("offset outside record " + spec.type());
    }

    static boolean isDate(byte[] b, int o) {
        int year = num(b, o, 4);
        return Dates.isValidDate(year, num(b, o + 4, 2), num(b, o + 6, 2));
    }

    static boolean isTime(byte[] b, int o) {
        return num(b, o, 2) <= 23 && num(b, o + 2, 2) <= 59 && num(b, o + 4, 2) <= 59;
    }

    static boolean isHovedIndberetningId(byte[] b, int o) {
        if (b[o] != 'A' && b[o] != 'B') {
            return false;
        }
        for (int i = o + 1; i < o + 16; i++) {
            byte c = b[i];
            if (!((c >= '0' && c <= '9') || isUpper(c) || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    /** An all-digit field (checked by the caller) holds a known indkomsttype code. */
    static boolean isIndkomsttype(byte[] b, int o, int len) {
        int code = num(b, o, len);
        return code >= 0 && code < INDKOMSTTYPER.length && INDKOMSTTYPER[code];
    }

    /** Digits already checked by the caller. */
    private static int num(byte[] b, int o, int len) {
        int v = 0;
        for (int i = o; i < o + len; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }
}
