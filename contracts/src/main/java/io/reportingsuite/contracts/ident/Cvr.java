package io.reportingsuite.contracts.ident;

import java.nio.charset.StandardCharsets;

/**
 * Danish CVR and SE number check, SPEC §7.2: eight digits, first digit not 0, weights 2,7,6,5,4,3,2,1 with
 * the weighted sum divisible by 11. SE numbers come from the same register, so the same rule applies.
 */
public final class Cvr {

    /** Outcome of {@link #check}; no value from the input is carried. */
    public enum Reason {
        VALID,
        WRONG_LENGTH,
        NOT_DIGITS,
        LEADING_ZERO,
        CHECKSUM;

        public boolean isValid() {
            return this == VALID;
        }
    }

    private static final int[] WEIGHTS = {2, 7, 6, 5, 4, 3, 2, 1};

    private Cvr() {
    }

    public static boolean isValid(CharSequence number) {
        return check(number).isValid();
    }

    public static Reason check(CharSequence number) {
        if (number == null || number.length() != 8) {
            return Reason.WRONG_LENGTH;
        }
        return check(number.toString().getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    /** Checks the eight ISO-8859-1 bytes at {@code offset} without allocating. */
    public static Reason check(byte[] bytes, int offset) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int d = bytes[offset + i] - '0';
            if (d < 0 || d > 9) {
                return Reason.NOT_DIGITS;
            }
            sum += d * WEIGHTS[i];
        }
        if (bytes[offset] == '0') {
            return Reason.LEADING_ZERO;
        }
        return sum % 11 == 0 ? Reason.VALID : Reason.CHECKSUM;
    }

    /** Appends the check digit to a 7-digit running number, or returns null when none exists (remainder 1). */
    public static String withCheckDigit(String sevenDigits) {
        if (sevenDigits.length() != 7 || !sevenDigits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("A CVR/SE running number has seven digits.");
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (sevenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = (11 - sum % 11) % 11;
        return check == 10 ? null : sevenDigits + check;
    }
}
