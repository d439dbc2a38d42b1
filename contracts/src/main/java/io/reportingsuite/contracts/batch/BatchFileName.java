package io.reportingsuite.contracts.batch;

import io.reportingsuite.contracts.finding.Finding;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A socialsecurity.be batch-channel file name (SPEC §5.2):
 * {@code <K>.<PURPOSE>.<SENDER>.<YYYYMMDD>.<SEQ>.<ENV>[.<PARTS>.<PART>]}; GO names carry only
 * {@code .<PARTS>}. {@code parts} and {@code part} are 0 when the name has no such element.
 */
public record BatchFileName(Kind kind, String purpose, String sender, LocalDate creationDate, String sequence,
                            Environment environment, int parts, int part) {

    /** Sender number social security uses on the files it sends (FO and their FS/GO). */
    public static final String SOCIAL_SECURITY_SENDER = "999999";
    /** Purpose of the acknowledgement files social security sends after its formal checks. */
    public static final String ACKNOWLEDGEMENT = "ACRF";

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** Longer inputs are refused before splitting; the longest valid name has 41 characters. */
    private static final int MAX_LENGTH = 64;
    private static final int ENVIRONMENT_INDEX = 5;
    private static final Pattern ALNUM4 = Pattern.compile("[A-Z0-9]{4}");
    private static final Pattern DIGITS6 = Pattern.compile("[0-9]{6}");
    private static final Pattern DIGITS8 = Pattern.compile("[0-9]{8}");
    private static final Pattern ALNUM5 = Pattern.compile("[A-Z0-9]{5}");
    private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,3}");

    /** The name's elements, numbered as in SPEC §5.2; findings use the number and name as locator. */
    public enum Element {
        KIND(1, "kind", "B02", "The kind must be FI, FS, GO or FO."),
        PURPOSE(2, "purpose", "B03", "The purpose must be 4 upper-case letters or digits."),
        SENDER(3, "sender", "B04", "The sender must be 6 digits."),
        CREATION_DATE(4, "creation date", "B05", "The creation date must be a real calendar date written YYYYMMDD."),
        SEQUENCE(5, "sequence", "B06", "The sequence must be 5 upper-case letters or digits."),
        ENVIRONMENT(6, "environment", "B07", "The environment must be R (real) or T (test)."),
        PARTS(7, "number of parts", "B08", "The number of parts must be a whole number from 1 to 9999 without leading zeros."),
        PART(8, "part number", "B09", "The part number must be a whole number from 1 to the number of parts.");

        private final int number;
        private final String label;
        private final String rule;
        private final String requirement;

        Element(int number, String label, String rule, String requirement) {
            this.number = number;
            this.label = label;
            this.rule = rule;
            this.requirement = requirement;
        }

        public int number() {
            return number;
        }

        public String label() {
            return label;
        }

        public String rule() {
            return rule;
        }

        Finding violated() {
            return finding(rule, requirement);
        }

        Finding finding(String ruleCode, String message) {
            return Finding.error(ruleCode, 0, null, number, label, message);
        }
    }

    /** Rule for the overall shape: empty, too long, too few or too many elements. */
    public static final String RULE_STRUCTURE = "B01";
    /** Rule for the parts elements not fitting the kind (GO: parts only; FI/FS/FO: both or neither). */
    public static final String RULE_PARTS_FOR_KIND = "B10";

    public BatchFileName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(environment, "environment");
        List<Finding> findings = check(render(kind, purpose, sender, creationDate, sequence, environment, parts,
                part));
        if (!findings.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", findings.stream().map(Finding::format).toList()));
        }
    }

    /** Parses a file name; the result carries the value or one finding per broken element. */
    public static ParseResult<BatchFileName> parse(String name) {
        if (name == null || name.isEmpty()) {
            return new ParseResult.Failed<>(List.of(structure(0, "The file name is empty.")));
        }
        if (name.length() > MAX_LENGTH) {
            return new ParseResult.Failed<>(List.of(structure(0, "The file name is longer than "
                    + MAX_LENGTH + " characters.")));
        }
        String[] e = name.split("\\.", -1);
        List<Finding> findings = check(e);
        if (!findings.isEmpty()) {
            return new ParseResult.Failed<>(findings);
        }
        int parts = e.length > 6 ? Integer.parseInt(e[6]) : 0;
        int part = e.length > 7 ? Integer.parseInt(e[7]) : 0;
        return new ParseResult.Ok<>(new BatchFileName(Kind.valueOf(e[0]), e[1], e[2], LocalDate.parse(e[3], DATE),
                e[4], Environment.valueOf(e[5]), parts, part));
    }

    /** An FI name without parts, e.g. {@code FI.ACRF.006400.20070424.00001.R}. */
    public static BatchFileName fi(String purpose, String sender, LocalDate date, String sequence, Environment env) {
        return new BatchFileName(Kind.FI, purpose, sender, date, sequence, env, 0, 0);
    }

    /** One part of a split FI, e.g. {@code FI.DMFA.006400.20070423.00001.R.4.1}. */
    public static BatchFileName fi(String purpose, String sender, LocalDate date, String sequence, Environment env,
                                   int parts, int part) {
        return new BatchFileName(Kind.FI, purpose, sender, date, sequence, env, parts, part);
    }

    /** An answer from social security without parts, e.g. {@code FO.NOTI.999999.20070424.00001.R}. */
    public static BatchFileName fo(String purpose, LocalDate date, String sequence, Environment env) {
        return new BatchFileName(Kind.FO, purpose, SOCIAL_SECURITY_SENDER, date, sequence, env, 0, 0);
    }

    /** One part of an answer from social security, e.g. {@code FO.DMNO.999999.20070425.00010.R.1.1}. */
    public static BatchFileName fo(String purpose, LocalDate date, String sequence, Environment env, int parts,
                                   int part) {
        return new BatchFileName(Kind.FO, purpose, SOCIAL_SECURITY_SENDER, date, sequence, env, parts, part);
    }

    /** The acknowledgement social security sends after its formal checks, {@code FO.ACRF.999999...}. */
    public static BatchFileName acknowledgement(LocalDate date, String sequence, Environment env) {
        return fo(ACKNOWLEDGEMENT, date, sequence, env);
    }

    /** The FS name signing this data file: the same name with kind FS, element for element. */
    public BatchFileName signature() {
        requireData("signature");
        return new BatchFileName(Kind.FS, purpose, sender, creationDate, sequence, environment, parts, part);
    }

    /** The GO name closing this file's transmission; its 7th element is the number of parts, if any. */
    public BatchFileName go() {
        requireData("go");
        return new BatchFileName(Kind.GO, purpose, sender, creationDate, sequence, environment, parts, 0);
    }

    /** Another part of the same split data file. */
    public BatchFileName withPart(int otherPart) {
        requireData("withPart");
        return new BatchFileName(kind, purpose, sender, creationDate, sequence, environment, parts, otherPart);
    }

    public TransmissionId transmission() {
        return new TransmissionId(purpose, sender, creationDate, sequence, environment);
    }

    public boolean hasParts() {
        return parts > 0;
    }

    /** The file name, e.g. {@code FI.DMFA.006400.20070423.00001.R.4.1}. */
    @Override
    public String toString() {
        return String.join(".", render(kind, purpose, sender, creationDate, sequence, environment, parts, part));
    }

    private void requireData(String operation) {
        if (!kind.isData()) {
            throw new IllegalStateException(operation + " needs an FI or FO name, not " + kind);
        }
    }

    private static String[] render(Kind kind, String purpose, String sender, LocalDate date, String sequence,
                                   Environment env, int parts, int part) {
        List<String> e = new ArrayList<>(List.of(kind.name(), purpose, sender, DATE.format(date), sequence,
                env.name()));
        if (parts != 0 || part != 0) {
            e.add(Integer.toString(parts));
        }
        if (part != 0) {
            e.add(Integer.toString(part));
        }
        return e.toArray(String[]::new);
    }

    /** Checks every present element and the shape; findings never quote the input. */
    private static List<Finding> check(String[] e) {
        List<Finding> findings = new ArrayList<>();
        if (e.length > 8) {
            findings.add(structure(0, "The file name has more than 8 elements."));
            return findings;
        }
        for (int i = e.length; i < ENVIRONMENT_INDEX + 1; i++) {
            Element missing = Element.values()[i];
            findings.add(structure(missing.number(), "The " + missing.label() + " element is missing."));
        }
        Kind kind = kindOf(e[0]);
        if (kind == null) {
            findings.add(Element.KIND.violated());
        }
        requireMatch(e, Element.PURPOSE, ALNUM4, findings);
        requireMatch(e, Element.SENDER, DIGITS6, findings);
        if (e.length > 3 && !isDate(e[3])) {
            findings.add(Element.CREATION_DATE.violated());
        }
        requireMatch(e, Element.SEQUENCE, ALNUM5, findings);
        if (e.length > 5 && !e[5].equals("R") && !e[5].equals("T")) {
            findings.add(Element.ENVIRONMENT.violated());
        }
        requireMatch(e, Element.PARTS, COUNT, findings);
        requireMatch(e, Element.PART, COUNT, findings);
        if (e.length == 8 && COUNT.matcher(e[6]).matches() && COUNT.matcher(e[7]).matches()
                && Integer.parseInt(e[7]) > Integer.parseInt(e[6])) {
            findings.add(Element.PART.finding(Element.PART.rule(),
                    "The part number is greater than the number of parts."));
        }
        if (kind == Kind.GO && e.length == 8) {
            findings.add(Element.PART.finding(RULE_PARTS_FOR_KIND,
                    "A GO name carries the number of parts but no part number."));
        }
        if (kind != null && kind != Kind.GO && e.length == 7) {
            findings.add(Element.PART.finding(RULE_PARTS_FOR_KIND,
                    "An FI, FS or FO name with a number of parts must also carry the part number."));
        }
        return findings;
    }

    private static void requireMatch(String[] e, Element element, Pattern pattern, List<Finding> findings) {
        int index = element.number() - 1;
        if (e.length > index && !pattern.matcher(e[index]).matches()) {
            findings.add(element.violated());
        }
    }

    private static Kind kindOf(String s) {
        for (Kind k : Kind.values()) {
            if (k.name().equals(s)) {
                return k;
            }
        }
        return null;
    }

    private static boolean isDate(String s) {
        if (!DIGITS8.matcher(s).matches()) {
            return false;
        }
        try {
            LocalDate.parse(s, DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Finding structure(int field, String message) {
        String label = field == 0 ? null : Element.values()[field - 1].label();
        return Finding.error(RULE_STRUCTURE, 0, null, field, label, message);
    }
}
