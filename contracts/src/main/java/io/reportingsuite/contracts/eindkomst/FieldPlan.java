package io.reportingsuite.contracts.eindkomst;

import java.util.ArrayList;
import java.util.List;

/**
 * A record layout flattened into parallel arrays for the validator's per-field loop: only the fields that
 * need a look (free-text A fields without rule are left to the character scan), with offsets and lengths
 * precomputed. Built once per {@link RecordSpec} from the same description as everything else.
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
    }

    /** The plan for a known record type (the caller has checked {@link RecordLayouts#byType(int)}). */
    static FieldPlan of(int type) {
        return BY_TYPE[type];
    }
}
