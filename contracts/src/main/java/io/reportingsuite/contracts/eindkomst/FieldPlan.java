package io.reportingsuite.contracts.eindkomst;

import io.reportingsuite.contracts.ident.Cpr;
import io.reportingsuite.contracts.ident.Cvr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A record layout flattened into parallel arrays for the validator's per-field loop: only the fields that
 * need a look (free-text A fields without rule are left to the character scan), with offsets and lengths
 * precomputed. Built once per {@link RecordSpec} from the same description as everything else.
 *
 * <p>The bytes whose class is fixed by the layout (every byte of a mandatory N field a digit, every filler
 * byte a blank) are also laid out as word masks, so that {@link #fixedBytesValid} answers for all of them at
 * once, eight bytes per step; only when it says no does the validator ask field by field, which finds the
 * same findings as always. {@link #rest} lists what is left to ask field by field when it says yes.
 *
 * <p>From the same plan, a <em>fast lane</em> is generated when the class loads: one int operation per field
 * the masks leave open (guards for blank/digits/non-blank and a value-rule code; one-byte fields become a
 * 256-entry table computed from the general operation), so {@link #clean} answers "every field and record
 * rule silent" for a whole record without a finding object, a virtual call or a field-spec lookup. It only
 * ever says yes or no; a no sends the record field by field, which reports exactly what it always did.
 */
final class FieldPlan {

    static final int FILLER = 0;
    static final int NUMERIC = 1;
    static final int TEXT = 2;

    /**
     * Record types whose record rules ({@code EIndkomstValidator.checkRecord}) keep state or depend on the
     * options (1000, 2001, 5000, 2111, 9999): they always go field by field. They are a handful per file.
     */
    private static final Set<String> SLOW_TYPES = Set.of("1000", "2001", "5000", "2111", "9999");

    // The fast lane's operations, one int each: rule << 24 | guard << 16 | offset << 8 | length.
    /** Guard: an all-blank field passes (optional field). */
    private static final int BLANK_OK = 1;
    /** Guard: the field must be all digits (optional N field that is not blank). */
    private static final int DIGITS = 2;
    /** Guard: the field must not be all blank (mandatory A field). */
    private static final int NONBLANK = 4;
    private static final int R_NONE = 0;
    private static final int R_DATE = 1;
    private static final int R_TIME = 2;
    private static final int R_CPR = 3;
    private static final int R_SE = 4;
    private static final int R_ALLOWED = 5;
    private static final int R_INDKOMSTTYPE = 6;
    private static final int R_FELTNR = 7;
    private static final int R_SIGN = 8;
    private static final int R_HOVED_ID = 9;
    private static final int R_COUNTRY = 10;
    /** A one-byte field, whatever its guards and rule: the byte against a 256-entry table built from them. */
    private static final int R_TABLE = 11;

    private static final FieldSpec PERSON_CPR = RecordLayouts.R6000.field(4);
    private static final FieldSpec PERSON_SE = RecordLayouts.R6000.field(5);
    private static final FieldSpec PERSON_EMPLOYEE = RecordLayouts.R6000.field(6);
    private static final FieldSpec PERSON_TIN = RecordLayouts.R6000.field(10);
    private static final FieldSpec PERSON_TIN_COUNTRY = RecordLayouts.R6000.field(11);

    private static final FieldPlan[] BY_TYPE = new FieldPlan[10_000];

    static {
        for (RecordSpec spec : RecordLayouts.all().values()) {
            BY_TYPE[Integer.parseInt(spec.type())] = new FieldPlan(spec);
        }
    }

    final int size;
    final int[] kind;
    final int[] offset;
    final int[] length;
    final boolean[] mandatory;
    final ValueRule[] rule;
    final FieldSpec[] field;
    /** Entries still to be looked at one by one when {@link #fixedBytesValid} holds, in plan order. */
    final int[] rest;
    /** Word index (byte offset / 8) of each word holding a fixed-class byte, with its digit and blank masks. */
    private final int[] words;
    private final long[] digitMask;
    private final long[] blankMask;
    /**
     * Over every word of the record: the digit mask (with Lb_nr and Rec_nr), the blank mask, and the record's
     * bytes whose plainness those masks do not already imply (valid digits and blanks are plain).
     */
    private final long[] fullDigitMask;
    private final long[] fullBlankMask;
    private final long[] plainMask;

    /** The layout, its type as text and its length: what the validator needs per line, in one lookup. */
    final RecordSpec spec;
    final String typeText;
    final int recordLength;
    /**
     * The type has a fast lane: {@link #clean} may answer for all its field and record rules. False for
     * {@link #SLOW_TYPES}.
     */
    final boolean fast;
    /** The fast lane's operations in plan order (see the constants), with their fields and byte tables. */
    private final int[] ops;
    private final FieldSpec[] opField;
    private final boolean[][] opTable;
    /** Record 6000's record rules F16 (TIN needs TIN_landekode) and F17 (person identified). */
    private final boolean personRules;

    private FieldPlan(RecordSpec spec) {
        this.spec = spec;
        this.typeText = spec.type();
        this.recordLength = spec.length();
        this.fast = !SLOW_TYPES.contains(spec.type());
        this.personRules = spec.type().equals("6000");
        List<FieldSpec> checked = new ArrayList<>();
        // Lb_nr and Rec_nr are the structural rules' business.
        for (FieldSpec f : spec.fields().subList(2, spec.fields().size())) {
            if (f.type() != FieldType.A || f.isMandatory() || f.rule() != ValueRule.NONE) {
                checked.add(f);
            }
        }
        size = checked.size();
        kind = new int[size];
        offset = new int[size];
        length = new int[size];
        mandatory = new boolean[size];
        rule = new ValueRule[size];
        field = checked.toArray(FieldSpec[]::new);
        for (int i = 0; i < size; i++) {
            FieldSpec f = field[i];
            kind[i] = switch (f.type()) {
                case FILLER -> FILLER;
                case N -> NUMERIC;
                case A -> TEXT;
            };
            offset[i] = f.offset();
            length[i] = f.length();
            mandatory[i] = f.isMandatory();
            rule[i] = f.rule();
        }
        int wordCount = (spec.length() + Long.BYTES - 1) / Long.BYTES;
        long[] digits = new long[wordCount];
        long[] blanks = new long[wordCount];
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean fixedDigits = kind[i] == NUMERIC && mandatory[i];
            if (kind[i] == FILLER || fixedDigits) {
                long[] mask = fixedDigits ? digits : blanks;
                for (int at = offset[i]; at < offset[i] + length[i]; at++) {
                    mask[at / Long.BYTES] |= 0xFFL << ((at % Long.BYTES) * 8);
                }
            }
            if (kind[i] != FILLER && !(fixedDigits && rule[i] == ValueRule.NONE)) {
                left.add(i);
            }
        }
        rest = left.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> used = new ArrayList<>();
        for (int w = 0; w < wordCount; w++) {
            if (digits[w] != 0 || blanks[w] != 0) {
                used.add(w);
            }
        }
        words = used.stream().mapToInt(Integer::intValue).toArray();
        digitMask = new long[words.length];
        blankMask = new long[words.length];
        for (int k = 0; k < words.length; k++) {
            digitMask[k] = digits[words[k]];
            blankMask[k] = blanks[words[k]];
        }
        fullDigitMask = digits.clone();
        for (int at = 0; at < RecordLayouts.MIN_LINE_LENGTH; at++) {
            fullDigitMask[at / Long.BYTES] |= 0xFFL << ((at % Long.BYTES) * 8);
        }
        fullBlankMask = blanks;
        plainMask = new long[wordCount];
        for (int at = 0; at < spec.length(); at++) {
            plainMask[at / Long.BYTES] |= 0xFFL << ((at % Long.BYTES) * 8);
        }
        for (int w = 0; w < wordCount; w++) {
            plainMask[w] &= ~(fullDigitMask[w] | fullBlankMask[w]);
        }
        // The fast lane: what fixedBytesValid leaves open, one operation per field, in plan order.
        List<Integer> opList = new ArrayList<>();
        List<FieldSpec> opFields = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean fixedDigits = kind[i] == NUMERIC && mandatory[i];
            if (kind[i] == FILLER || fixedDigits && rule[i] == ValueRule.NONE) {
                continue;
            }
            int guard = switch (kind[i]) {
                case NUMERIC -> mandatory[i] ? 0 : BLANK_OK | DIGITS;
                default -> mandatory[i] ? NONBLANK : BLANK_OK;
            };
            if (offset[i] > 0xFF || length[i] > 0xFF) {
                throw new IllegalStateException("record " + spec.type() + ": field " + field[i] + " past 255");
            }
            opList.add(ruleCode(rule[i]) << 24 | guard << 16 | offset[i] << 8 | length[i]);
            opFields.add(field[i]);
        }
        ops = opList.stream().mapToInt(Integer::intValue).toArray();
        opField = opFields.toArray(FieldSpec[]::new);
        opTable = new boolean[ops.length][];
        byte[] scratch = new byte[RecordView.KEPT];
        for (int k = 0; k < ops.length; k++) {
            if ((ops[k] & 0xFF) == 1) {
                // Every byte value through the general operation once, so the table agrees with it by construction.
                boolean[] table = new boolean[256];
                int at = (ops[k] >>> 8) & 0xFF;
                for (int c = 0; c < 256; c++) {
                    scratch[at] = (byte) c;
                    table[c] = passes(ops[k], opField[k], scratch, 0);
                }
                opTable[k] = table;
                ops[k] = R_TABLE << 24 | (ops[k] & 0xFFFF);
            }
        }
    }

    private static int ruleCode(ValueRule rule) {
        return switch (rule) {
            case NONE -> R_NONE;
            case DATE -> R_DATE;
            case TIME -> R_TIME;
            case CPR -> R_CPR;
            case SE -> R_SE;
            case ALLOWED -> R_ALLOWED;
            case INDKOMSTTYPE -> R_INDKOMSTTYPE;
            case FELTNR -> R_FELTNR;
            case SIGN -> R_SIGN;
            case HOVED_ID -> R_HOVED_ID;
            case COUNTRY -> R_COUNTRY;
        };
    }

    /**
     * The fast lane: true only when the validator's field-by-field rules and record rules would report
     * nothing for this record. The caller has made the record readable (blank-padded) up to its length and
     * asks only for a {@link #fast} type, a {@link RecordView#plain} line not longer than the record (the
     * character rules and E10 are then silent too). False means "go field by field", which finds what is
     * wrong exactly as before; {@code FastLanePropertiesTest} compares this with a plain reference.
     */
    boolean clean(byte[] b) {
        return clean(b, 0);
    }

    /**
     * {@link #clean(byte[])} of the record starting at {@code base}, e.g. in place in the parser's input: it
     * reads only the record's own bytes and whole words up to {@code base} + {@link RecordView#KEPT}, which must
     * lie inside {@code b}.
     */
    boolean clean(byte[] b, int base) {
        return fixedBytesValid(b, base) && opsPass(b, base);
    }

    /**
     * {@link #clean(byte[], int)}, Lb_nr and Rec_nr all digits, and, in the same pass over the record's words,
     * no byte of the record below 0x20, an apostrophe or &ge; 0x7F (what the parser's line scan looks for): the
     * parser's line, taken in place without its own scan when the CR/LF stands right after the record (its
     * length predicted from Rec_nr). Words the masks cover wholly skip the plain-byte test.
     */
    boolean cleanAndPlain(byte[] b, int base) {
        long[] digits = fullDigitMask;
        long[] blanks = fullBlankMask;
        long[] plain = plainMask;
        for (int k = 0; k < plain.length; k++) {
            long w = Swar.word(b, base + k * Long.BYTES);
            long d = digits[k];
            if (Swar.nonDigits((w & d) | (Swar.ZEROS & ~d)) != 0 || ((w ^ Swar.BLANKS) & blanks[k]) != 0) {
                return false;
            }
            // Exact: the bytes below a flagged one are valid digits or blanks, or unflagged, hence plain.
            long p = plain[k];
            if (p != 0 && (Swar.suspects(w) & p) != 0) {
                return false;
            }
        }
        return opsPass(b, base);
    }

    /** The operations and record rules, once the masks hold. */
    private boolean opsPass(byte[] b, int base) {
        int[] program = ops;
        for (int k = 0; k < program.length; k++) {
            int op = program[k];
            if (op >>> 24 == R_TABLE) {
                if (!opTable[k][b[base + ((op >>> 8) & 0xFF)] & 0xFF]) {
                    return false;
                }
            } else if (!passes(op, opField[k], b, base)) {
                return false;
            }
        }
        return !personRules || personIdentified(b, base);
    }

    /** One field: its guards, then its value rule, as the validator's checkField and checkRule decide. */
    private static boolean passes(int op, FieldSpec f, byte[] b, int base) {
        int off = base + ((op >>> 8) & 0xFF);
        int len = op & 0xFF;
        int guard = (op >>> 16) & 0xFF;
        if ((guard & BLANK_OK) != 0 && Swar.allBlank(b, off, len)) {
            return true;
        }
        if ((guard & DIGITS) != 0 && !Swar.allDigits(b, off, len)) {
            return false;
        }
        if ((guard & NONBLANK) != 0 && Swar.allBlank(b, off, len)) {
            return false;
        }
        return switch (op >>> 24) {
            case R_NONE -> true;
            case R_DATE -> EIndkomstValidator.isDate(b, off);
            case R_TIME -> EIndkomstValidator.isTime(b, off);
            case R_CPR -> Cpr.check(b, off).isValid();
            case R_SE -> Cvr.check(b, off).isValid();
            case R_ALLOWED -> f.matchesAllowed(b, base);
            case R_INDKOMSTTYPE -> EIndkomstValidator.isIndkomsttype(b, off, len);
            case R_FELTNR -> !Swar.allZeros(b, off, len);
            case R_SIGN -> b[off] == '+' || b[off] == '-';
            case R_HOVED_ID -> EIndkomstValidator.isHovedIndberetningId(b, off);
            case R_COUNTRY -> EIndkomstValidator.isUpper(b[off]) && EIndkomstValidator.isUpper(b[off + 1]);
            default -> throw new IllegalStateException("operation " + (op >>> 24));
        };
    }

    /** 6000: F16 and F17 are silent (the same fields as the validator's checkRecord asks). */
    private static boolean personIdentified(byte[] b, int base) {
        boolean tinWithoutCountry = !blank(b, base, PERSON_TIN) && blank(b, base, PERSON_TIN_COUNTRY);
        boolean anonymous = blank(b, base, PERSON_CPR) && blank(b, base, PERSON_SE)
                && blank(b, base, PERSON_EMPLOYEE);
        return !tinWithoutCountry && !anonymous;
    }

    private static boolean blank(byte[] b, int base, FieldSpec f) {
        return Swar.allBlank(b, base + f.offset(), f.length());
    }

    /**
     * True when every byte of every mandatory N field is a digit and every filler byte a blank, in a record
     * buffer readable (blank-padded) up to the record length; bytes past it are never looked at, since the
     * masks leave them out. Needs a buffer of whole words past the record length ({@link RecordView#KEPT}).
     */
    boolean fixedBytesValid(byte[] b) {
        return fixedBytesValid(b, 0);
    }

    /** {@link #fixedBytesValid(byte[])} of the record starting at {@code base}. */
    boolean fixedBytesValid(byte[] b, int base) {
        for (int k = 0; k < words.length; k++) {
            long w = Swar.word(b, base + words[k] * Long.BYTES);
            long d = digitMask[k];
            // Bytes outside the mask read as '0', so only the field's own bytes can fail the digit test.
            if (Swar.nonDigits((w & d) | (Swar.ZEROS & ~d)) != 0 || ((w ^ Swar.BLANKS) & blankMask[k]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The plan for a known record type (the caller has checked {@link RecordLayouts#byType(int)}). */
    static FieldPlan of(int type) {
        return BY_TYPE[type];
    }
}
