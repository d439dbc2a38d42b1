package io.reportingsuite.contracts.ident;

import java.util.Optional;

/**
 * RSZ/ONSS (NOSS) employer registration number as carried in XML, SPEC §7.4: definitive
 * {@code NNNNNNNCC} in [100006; 199999934] (leading zeros optional, normalised to nine digits) or
 * provisional {@code NNNNNNNNCC} in [5000000120; 5999999989]. The check digits satisfy
 * CC = 96 − ((N × 100) mod 97), with 97 instead of 0.
 */
public final class NossNumber {

    static final String KIND = "NOSS registration number";

    /** Definitive numbers come from the register; provisional ones are issued before registration. */
    public enum Kind { DEFINITIVE, PROVISIONAL }

    private static final long DEFINITIVE_MIN = 100_006L;
    private static final long DEFINITIVE_MAX = 199_999_934L;
    private static final long PROVISIONAL_MIN = 5_000_000_120L;
    private static final long PROVISIONAL_MAX = 5_999_999_989L;

    private final String digits;
    private final Kind kind;

    private NossNumber(String digits, Kind kind) {
        this.digits = digits;
        this.kind = kind;
    }

    /** Parses and normalises; throws {@link InvalidIdentifierException} with the problem otherwise. */
    public static NossNumber parse(String input) {
        String digits = normalise(input);
        Optional<IdentifierProblem> problem = problemOfDigits(digits);
        if (problem.isPresent()) {
            throw new InvalidIdentifierException(KIND, problem.get());
        }
        return digits.length() == 10
                ? new NossNumber(digits, Kind.PROVISIONAL)
                : new NossNumber(pad9(digits), Kind.DEFINITIVE);
    }

    /** The reason the input is not a valid registration number, or empty when it is valid. */
    public static Optional<IdentifierProblem> check(String input) {
        return problemOfDigits(normalise(input));
    }

    public static boolean isValid(String input) {
        return check(input).isEmpty();
    }

    /** The check digits for a 7-digit (definitive) or 8-digit (provisional) running number. */
    public static int checkDigits(long runningNumber) {
        int cc = 96 - (int) ((runningNumber * 100) % 97);
        return cc == 0 ? 97 : cc;
    }

    /** Nine digits (definitive, zero-padded) or ten digits (provisional). */
    public String digits() {
        return digits;
    }

    public Kind kind() {
        return kind;
    }

    private static String normalise(String input) {
        if (input == null) {
            return "";
        }
        // Numbers are often written as 1234567-89 or with spaces/dots/slashes for readability.
        return input.strip().replaceAll("[\\s./-]", "");
    }

    private static Optional<IdentifierProblem> problemOfDigits(String digits) {
        if (digits.isEmpty()) {
            return Optional.of(IdentifierProblem.EMPTY);
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(IdentifierProblem.NOT_NUMERIC);
        }
        // 6 digits is the shortest definitive number written without its leading zeros (100006).
        if (digits.length() > 10 || digits.length() < 6) {
            return Optional.of(IdentifierProblem.WRONG_LENGTH);
        }
        long value = Long.parseLong(digits);
        boolean provisional = digits.length() == 10;
        if (provisional && digits.charAt(0) != '5') {
            return Optional.of(IdentifierProblem.WRONG_FIRST_DIGIT);
        }
        boolean inRange = provisional
                ? value >= PROVISIONAL_MIN && value <= PROVISIONAL_MAX
                : value >= DEFINITIVE_MIN && value <= DEFINITIVE_MAX;
        if (!inRange) {
            return Optional.of(IdentifierProblem.OUT_OF_RANGE);
        }
        if (value % 100 != checkDigits(value / 100)) {
            return Optional.of(IdentifierProblem.CHECK_DIGITS);
        }
        return Optional.empty();
    }

    private static String pad9(String digits) {
        return "0".repeat(9 - digits.length()) + digits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NossNumber other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return digits;
    }
}
