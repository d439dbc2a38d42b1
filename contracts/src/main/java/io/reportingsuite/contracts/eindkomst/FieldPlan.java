package io.reportingsuite.contracts.eindkomst;

import java.util.ArrayList;
import java.util.List;

/**
 * A record layout flattened into parallel arrays for the validator's per-field loop: only the fields that
 * need a look (free-text A fields without rule are left to the character scan), with offsets and lengths
 * precomputed. Built once per {@link RecordSpec} from the same description as everything else.
 *
 * <p>The bytes whose class is fixed by the layout (every byte of a mandatory N field a digit, every filler
 * byte a blank) are also laid out as word masks, so that {@link #fixedBytesValid} answers for all of them at
 * once, eight bytes per step; only when it says no does the validator ask field by field, which finds the
 * same findings as always. {@link #rest} lists what is left to ask field by field when it says yes.
 */
final class FieldPlan {

    static final int FILLER = 0;
    static final int NUMERIC = 1;
    static final int TEXT = 2;

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

    private FieldPlan(RecordSpec spec) {
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
    }

    /**
     * True when every byte of every mandatory N field is a digit and every filler byte a blank, in a record
     * buffer readable (blank-padded) up to the record length; bytes past it are never looked at, since the
     * masks leave them out. Needs a buffer of whole words past the record length ({@link RecordView#KEPT}).
     */
    boolean fixedBytesValid(byte[] b) {
        for (int k = 0; k < words.length; k++) {
            long w = Swar.word(b, words[k] * Long.BYTES);
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
