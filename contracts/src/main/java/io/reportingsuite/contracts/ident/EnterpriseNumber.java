package io.reportingsuite.contracts.ident;

import java.util.Locale;
import java.util.Optional;

/**
 * Belgian enterprise number (KBO/BCE/CBE), SPEC §7.3: ten digits, first digit 0 or 1, the last two
 * digits are 97 minus the first eight modulo 97. Input may carry dots, spaces and a {@code BE} prefix.
 */
public final class EnterpriseNumber {

    static final String KIND = "enterprise number";

    private final String digits;

    private EnterpriseNumber(String digits) {
        this.digits = digits;
    }

    /** Parses and normalises; throws {@link InvalidIdentifierException} with the problem otherwise. */
    public static EnterpriseNumber parse(String input) {
        String digits = normalise(input);
        Optional<IdentifierProblem> problem = problemOfDigits(digits);
        if (problem.isPresent()) {
            throw new InvalidIdentifierException(KIND, problem.get());
        }
        return new EnterpriseNumber(digits);
    }

    /** The reason the input is not a valid enterprise number, or empty when it is valid. */
    public static Optional<IdentifierProblem> check(String input) {
        return problemOfDigits(normalise(input));
    }

    public static boolean isValid(String input) {
        return check(input).isEmpty();
    }

    /** The ten digits, e.g. {@code 0566988259}. */
    public String digits() {
        return digits;
    }

    /** The official notation, e.g. {@code 0566.988.259}. */
    public String formatted() {
        return digits.substring(0, 4) + '.' + digits.substring(4, 7) + '.' + digits.substring(7);
    }

    private static String normalise(String input) {
        if (input == null) {
            return "";
        }
        String s = input.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("BE")) {
            s = s.substring(2);
        }
        return s.replace(".", "").replace(" ", "");
    }

    private static Optional<IdentifierProblem> problemOfDigits(String digits) {
        if (digits.isEmpty()) {
            return Optional.of(IdentifierProblem.EMPTY);
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(IdentifierProblem.NOT_NUMERIC);
        }
        // Old 9-digit numbers are written with a leading 0 today; we require the 10-digit form.
        if (digits.length() != 10) {
            return Optional.of(IdentifierProblem.WRONG_LENGTH);
        }
        if (digits.charAt(0) != '0' && digits.charAt(0) != '1') {
            return Optional.of(IdentifierProblem.WRONG_FIRST_DIGIT);
        }
        long base = Long.parseLong(digits.substring(0, 8));
        int check = Integer.parseInt(digits.substring(8));
        if (check != 97 - (int) (base % 97)) {
            return Optional.of(IdentifierProblem.CHECK_DIGITS);
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnterpriseNumber other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return formatted();
    }
}
