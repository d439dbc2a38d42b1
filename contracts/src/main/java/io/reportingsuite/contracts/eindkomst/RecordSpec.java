package io.reportingsuite.contracts.eindkomst;

import java.util.List;
import java.util.Objects;

/**
 * The layout of one record type: its type code, total length and fields. The constructor checks that the
 * fields tile the record exactly (no gap, no overlap), so a typo in a layout table fails at class load.
 *
 * @param type            record type as it appears in the record, e.g. {@code 6001} or {@code 0002}
 * @param length          total record length without line separator
 * @param fields          fields in position order
 * @param typeFieldNumber number of the field that carries {@code type} (2 after eIndkomst's Lb_nr, 1 in
 *                        return files)
 */
public record RecordSpec(String type, int length, List<FieldSpec> fields, int typeFieldNumber) {

    public RecordSpec {
        Objects.requireNonNull(type);
        fields = List.copyOf(fields);
        int next = 1;
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            if (f.number() != i + 1 || f.position() != next) {
                throw new IllegalArgumentException("record " + type + ": field " + f + " is out of place");
            }
            next = f.end() + 1;
        }
        if (next != length + 1) {
            throw new IllegalArgumentException("record " + type + ": fields do not add up to " + length);
        }
        if (!type.equals(fields.get(typeFieldNumber - 1).allowed().stream().findFirst().orElse(null))) {
            throw new IllegalArgumentException("record " + type + ": type field does not carry the type");
        }
    }

    /** Field by its 1-based number. */
    public FieldSpec field(int number) {
        if (number < 1 || number > fields.size()) {
            throw new IllegalArgumentException("record " + type + " has no field " + number);
        }
        return fields.get(number - 1);
    }

    /** Field by its official name. */
    public FieldSpec field(String name) {
        for (FieldSpec f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("record " + type + " has no field named " + name);
    }
}
