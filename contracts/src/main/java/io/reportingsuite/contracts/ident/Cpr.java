package io.reportingsuite.contracts.ident;

import java.nio.charset.StandardCharsets;

/**
 * Danish CPR number (personnummer) check, SPEC §7.1: ten digits forming a real calendar date under the
 * century rule. Modulus 11 is deliberately not enforced (CPR has issued numbers without it since 2007);
 * {@link #passesLegacyModulus11} exists only for callers that want to warn about it. Constructed CPR
 * numbers used in eIndkomst (day + 60, so days 61–91) are accepted.
 *
 * <p>Nothing here ever puts the number into a message: the result is a {@link Reason} only.
 */
public final class Cpr {

    /** Outcome of {@link #check}; no value from the input is carried. */
    public enum Reason {
        VALID,
        /** Valid, with day 61–91: an eIndkomst constructed number (real day = day − 60). */
        VALID_CONSTRUCTED,
        WRONG_LENGTH,
        NOT_DIGITS,
        INVALID_DATE;

        public boolean isValid() {
            return this == VALID || this == VALID_CONSTRUCTED;
        }
    }

    private static final int[] LEGACY_WEIGHTS = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};

    private Cpr() {
    }

    public static boolean isValid(CharSequence cpr) {
        return check(cpr).isValid();
    }

    public static Reason check(CharSequence cpr) {
        if (cpr == null || cpr.length() != 10) {
            return Reason.WRONG_LENGTH;
        }
        return check(cpr.toString().getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    /** Checks the ten ISO-8859-1 bytes at {@code offset}; allocation-free for the validator's hot path. */
    public static Reason check(byte[] bytes, int offset) {
        for (int i = 0; i < 10; i++) {
            if (!isDigit(bytes[offset + i])) {
                return Reason.NOT_DIGITS;
            }
        }
        int day = twoDigits(bytes, offset);
        int month = twoDigits(bytes, offset + 2);
        int yy = twoDigits(bytes, offset + 4);
        int serial1 = bytes[offset + 6] - '0';
        boolean constructed = day >= 61 && day <= 91;
        if (constructed) {
            day -= 60;
        }
        int year = yy + century(yy, serial1);
        if (!Dates.isValidDate(year, month, day)) {
            return Reason.INVALID_DATE;
        }
        return constructed ? Reason.VALID_CONSTRUCTED : Reason.VALID;
    }

    /** The pre-2007 modulus-11 rule; only ever a warning, never a reason to reject (SPEC §7.1). */
    public static boolean passesLegacyModulus11(CharSequence cpr) {
        if (cpr == null || cpr.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = cpr.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * LEGACY_WEIGHTS[i];
        }
        return sum % 11 == 0;
    }

    /** Century from year digits and the first serial digit (CPR office rule, SPEC §7.1). */
    static int century(int yy, int serial1) {
        if (serial1 <= 3) {
            return 1900;
        }
        if (serial1 == 4 || serial1 == 9) {
            return yy <= 36 ? 2000 : 1900;
        }
        return yy <= 57 ? 2000 : 1800;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int twoDigits(byte[] b, int off) {
        return (b[off] - '0') * 10 + (b[off + 1] - '0');
    }
}
