package io.reportingsuite.contracts.batch;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Chooses element 5 (sequence) for a new transmission. A sequence must be unique per sender, creation
 * date and environment (SPEC §5.2). Like social security we count {@code 00001}..{@code 99999} first and
 * continue alphanumerically (base 36 over 0-9A-Z) once the digits are used up.
 */
public final class SequenceAllocator {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{5}");
    private static final Pattern ALNUM = Pattern.compile("[0-9A-Z]{5}");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int LAST_NUMERIC = 99_999;

    private SequenceAllocator() {
    }

    /** The next sequence for this sender, date and environment, given the names already used. */
    public static String next(Collection<BatchFileName> used, String sender, LocalDate date, Environment env) {
        return next(used.stream()
                .filter(n -> n.sender().equals(sender) && n.creationDate().equals(date) && n.environment() == env)
                .map(BatchFileName::sequence)
                .collect(Collectors.toSet()));
    }

    /**
     * The sequence after the highest one used. Gaps are not refilled: a reused sequence could be taken
     * for a resend of an older transmission by the receiving side.
     */
    public static String next(Set<String> usedSequences) {
        String highest = usedSequences.stream().filter(s -> ALNUM.matcher(s).matches()).max(String::compareTo)
                .orElse("00000");
        // For fixed-length strings over 0-9A-Z, String order equals numeric base-36 order.
        if (DIGITS.matcher(highest).matches() && Integer.parseInt(highest) < LAST_NUMERIC) {
            return String.format("%05d", Integer.parseInt(highest) + 1);
        }
        return incrementBase36(highest);
    }

    private static String incrementBase36(String s) {
        char[] c = s.toCharArray();
        for (int i = c.length - 1; i >= 0; i--) {
            int digit = ALPHABET.indexOf(c[i]);
            if (digit < ALPHABET.length() - 1) {
                c[i] = ALPHABET.charAt(digit + 1);
                return new String(c);
            }
            c[i] = '0';
        }
        throw new IllegalStateException("All sequences for this creation date and environment are used.");
    }
}
