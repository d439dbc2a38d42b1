package io.reportingsuite.contracts.eindkomst;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One field of a fixed record, as data: number and name as in the official documents, 1-based position,
 * length, type, whether it is mandatory and which {@link ValueRule} applies. Immutable; the
 * {@code with...} methods return modified copies so layouts read like the SPEC tables.
 */
public final class FieldSpec {

    private final int number;
    private final String name;
    private final int position;
    private final int length;
    private final FieldType type;
    private final boolean mandatory;
    private final ValueRule rule;
    private final List<String> allowed;
    private final Apostrophe apostrophe;
    private final byte[][] allowedPadded;

    private FieldSpec(int number, String name, int position, int length, FieldType type, boolean mandatory,
                      ValueRule rule, List<String> allowed, Apostrophe apostrophe) {
        if (number < 1 || position < 1 || length < 1) {
            throw new IllegalArgumentException("field number, position and length must be positive");
        }
        this.number = number;
        this.name = Objects.requireNonNull(name);
        this.position = position;
        this.length = length;
        this.type = Objects.requireNonNull(type);
        this.mandatory = mandatory;
        this.rule = Objects.requireNonNull(rule);
        this.allowed = List.copyOf(allowed);
        this.apostrophe = Objects.requireNonNull(apostrophe);
        // Allowed values padded to the field once, so the validator compares bytes without allocating.
        this.allowedPadded = this.allowed.stream().map(this::padded).toArray(byte[][]::new);
    }

    public static FieldSpec n(int number, String name, int position, int length) {
        return new FieldSpec(number, name, position, length, FieldType.N, false, ValueRule.NONE, List.of(),
                Apostrophe.FORBIDDEN);
    }

    public static FieldSpec a(int number, String name, int position, int length) {
        return new FieldSpec(number, name, position, length, FieldType.A, false, ValueRule.NONE, List.of(),
                Apostrophe.FORBIDDEN);
    }

    public static FieldSpec filler(int number, int position, int length) {
        return new FieldSpec(number, "Filler", position, length, FieldType.FILLER, false, ValueRule.NONE,
                List.of(), Apostrophe.FORBIDDEN);
    }

    public FieldSpec mandatory() {
        return new FieldSpec(number, name, position, length, type, true, rule, allowed, apostrophe);
    }

    public FieldSpec rule(ValueRule newRule) {
        return new FieldSpec(number, name, position, length, type, mandatory, newRule, allowed, apostrophe);
    }

    public FieldSpec allowed(String... values) {
        return new FieldSpec(number, name, position, length, type, mandatory, ValueRule.ALLOWED,
                Arrays.asList(values), apostrophe);
    }

    public FieldSpec apostrophe(Apostrophe policy) {
        return new FieldSpec(number, name, position, length, type, mandatory, rule, allowed, policy);
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    /** 1-based position as in the SPEC tables. */
    public int position() {
        return position;
    }

    /** 0-based offset into the record. */
    public int offset() {
        return position - 1;
    }

    public int length() {
        return length;
    }

    /** 1-based position of the last character. */
    public int end() {
        return position + length - 1;
    }

    public FieldType type() {
        return type;
    }

    public boolean isMandatory() {
        return mandatory;
    }

    public ValueRule rule() {
        return rule;
    }

    public List<String> allowed() {
        return allowed;
    }

    public Apostrophe apostrophePolicy() {
        return apostrophe;
    }

    /** True when the field's bytes at {@code offset() + base} equal one of the allowed values (padded). */
    boolean matchesAllowed(byte[] record, int base) {
        for (byte[] candidate : allowedPadded) {
            if (Arrays.equals(record, base + offset(), base + offset() + length, candidate, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** The value laid out in this field: N right-aligned zero-padded, A left-aligned blank-padded. */
    byte[] padded(String value) {
        byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[length];
        if (type == FieldType.N) {
            Arrays.fill(out, (byte) '0');
            System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        } else {
            Arrays.fill(out, (byte) ' ');
            System.arraycopy(raw, 0, out, 0, raw.length);
        }
        return out;
    }

    @Override
    public String toString() {
        return number + " " + name + " " + position + "/" + length + " " + type;
    }
}
