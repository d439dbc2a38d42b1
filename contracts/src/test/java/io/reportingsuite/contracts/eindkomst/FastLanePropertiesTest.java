package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.ident.Cpr;
import io.reportingsuite.contracts.ident.Cvr;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The validator's fast lane against straightforward references, so that a fast path that drifts from the rules
 * fails here: the word-wide Lb_nr/Rec_nr decode against a digit loop, {@link FieldPlan#clean} and
 * {@link FieldPlan#cleanAndPlain} against a plain field-by-field reading of the layout (and a byte loop for the
 * plain bytes) on random and mutated records of every type, and whole files validated with and without the
 * fast lane giving the same result, finding for finding.
 */
class FastLanePropertiesTest {

    private static final byte[] EDGES = {'0', '9', '/', ':', ' ', '+', '-', 'A', 'Z', 'a', '\'', 0x00, 0x1F,
        0x7F, (byte) 0x80, (byte) 0xC6, (byte) 0xFF};
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    /** Rules whose valid values make wrong values for other fields. */
    private static final List<ValueRule> OTHER_RULES = List.of(ValueRule.NONE, ValueRule.DATE, ValueRule.TIME,
            ValueRule.CPR, ValueRule.SE, ValueRule.FELTNR, ValueRule.SIGN, ValueRule.COUNTRY, ValueRule.HOVED_ID);
    private static final Set<Integer> INDKOMSTTYPER = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 24, 26, 28,
            29, 30);

    @Property(tries = 3000)
    void headerDecodeAgreesWithDigitLoop(@ForAll("seeds") long seed) {
        Random random = new Random(seed);
        byte[] b = new byte[RecordView.KEPT];
        for (int i = 0; i < 20; i++) {
            b[i] = random.nextInt(6) == 0 ? EDGES[random.nextInt(EDGES.length)] : (byte) ('0' + random.nextInt(10));
        }
        int base = random.nextInt(5);
        assertThat(Swar.lbNr(b, base)).isEqualTo(digits(b, base, 7));
        assertThat(Swar.recNr(b, base)).isEqualTo(digits(b, base + 7, 4));
        long value = random.nextLong() & Long.MAX_VALUE;
        byte[] eight = String.format("%08d", value % 100_000_000L).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Swar.eightDigits(Swar.word(eight, 0))).isEqualTo(value % 100_000_000L);
    }

    /**
     * {@link FieldPlan#clean} says yes exactly when the reference finds every field and record rule silent.
     * Records start valid (optional fields blank at random) and get up to three mutations; the bytes past the
     * record length are junk, as a reused buffer's are.
     */
    @Property(tries = 10_000)
    void cleanAgreesWithFieldByFieldReference(@ForAll("types") String type, @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        RecordSpec spec = RecordLayouts.byType(type);
        byte[] b = new byte[RecordView.KEPT];
        for (int i = 0; i < b.length; i++) {
            b[i] = EDGES[random.nextInt(EDGES.length)];
        }
        System.arraycopy(validRecord(spec, random), 0, b, 0, spec.length());
        mutate(spec, b, random);
        if (random.nextInt(20) == 0) {
            b[random.nextInt(11)] = EDGES[random.nextInt(EDGES.length)];   // now and then a broken Lb_nr/Rec_nr
        }
        FieldPlan plan = FieldPlan.of(Integer.parseInt(type));
        boolean expected = reference(spec, b);
        String record = new String(b, 0, spec.length(), StandardCharsets.ISO_8859_1);
        assertThat(plan.clean(b)).as("type %s: %s", type, record).isEqualTo(expected);
        // In place, as the parser offers it: the record anywhere in a larger input, junk around it.
        int base = random.nextInt(100);
        byte[] input = new byte[base + RecordView.KEPT + random.nextInt(20)];
        for (int i = 0; i < input.length; i++) {
            input[i] = EDGES[random.nextInt(EDGES.length)];
        }
        System.arraycopy(b, 0, input, base, spec.length());
        assertThat(plan.clean(input, base)).as("type %s at %d: %s", type, base, record).isEqualTo(expected);
        boolean plain = digits(b, 0, 11) >= 0;   // Lb_nr and Rec_nr digits, as cleanAndPlain also asks
        for (int i = 0; i < spec.length(); i++) {
            int c = b[i] & 0xFF;
            plain &= c >= 0x20 && c < 0x7F && c != '\'';
        }
        assertThat(plan.cleanAndPlain(input, base)).as("type %s at %d, plain %s: %s", type, base, plain, record)
                .isEqualTo(expected && plain);
    }

    /** Whole files, records of every type mutated at random: the same result with and without the fast lane. */
    @Property(tries = 1000)
    void validatorFindsTheSameWithAndWithoutTheFastLane(@ForAll("seeds") long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = TestFiles.lines(TestFiles.validKy());
        List<RecordSpec> specs = List.copyOf(RecordLayouts.all().values());
        int extra = random.nextInt(12);
        for (int k = 0; k < extra; k++) {
            RecordSpec spec = specs.get(random.nextInt(specs.size()));
            byte[] b = validRecord(spec, random);
            if (random.nextBoolean()) {
                mutate(spec, b, random);
            }
            int length = spec.length();
            switch (random.nextInt(6)) {
                case 0 -> length = Math.max(11, length - random.nextInt(length));   // short line, blank-padded
                case 1 -> {
                    // Over-long (E10), with printable bytes.
                    b = Arrays.copyOf(b, length += 1 + random.nextInt(5));
                    Arrays.fill(b, spec.length(), length, (byte) 'x');
                }
                default -> {
                }
            }
            String text = new String(b, 0, Math.min(length, b.length), StandardCharsets.ISO_8859_1)
                    .replace('\r', '?').replace('\n', '?');
            lines.add(3 + random.nextInt(lines.size() - 3), text);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() >= 7 && random.nextInt(8) != 0) {
                // Mostly a continuous Lb_nr, so that E03 does not drown the rest.
                lines.set(i, String.format("%07d", i + 1) + line.substring(7));
            }
        }
        byte[] file = TestFiles.join(lines);
        ValidationOptions options = ValidationOptions.defaults()
                .withSystem(random.nextBoolean() ? CaseSystem.KY : null)
                .withMaxFindings(1 + random.nextInt(100));
        ValidationResult slow = EIndkomstValidator.validate(file, options, EIndkomstValidator.NO_LISTENER, false);
        // In place (no listener), through the view (a listener sees every line) and streamed in random reads.
        assertThat(EIndkomstValidator.validate(file, options)).isEqualTo(slow);
        assertThat(EIndkomstValidator.validate(file, options, v -> { })).isEqualTo(slow);
        assertThat(EIndkomstValidator.validate(randomReads(file, random.nextLong()), options)).isEqualTo(slow);
    }

    /** Hands the input out in reads of 1 to 600 bytes, so lines straddle reads. */
    private static InputStream randomReads(byte[] input, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(600)));
            }
        };
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(List.copyOf(RecordLayouts.all().keySet()));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static long digits(byte[] b, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    /** A record of the type with every field valid; optional fields blank half the time. */
    private static byte[] validRecord(RecordSpec spec, Random random) {
        byte[] b = new byte[spec.length()];
        Arrays.fill(b, (byte) ' ');
        for (FieldSpec f : spec.fields()) {
            if (f.type() == FieldType.FILLER || !f.isMandatory() && random.nextBoolean()) {
                continue;
            }
            String value = validValue(f, random);
            byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(raw, 0, b, f.offset(), Math.min(raw.length, f.length()));
        }
        if (spec.type().equals("6000") && random.nextBoolean()) {
            // TIN with its country, or F16's case (TIN without country) now and then.
            put(b, spec.field(10), "DE12345");
            put(b, spec.field(11), random.nextInt(4) == 0 ? "  " : "DE");
        }
        return b;
    }

    private static String validValue(FieldSpec f, Random random) {
        return switch (f.rule()) {
            case DATE -> LocalDate.of(1900 + random.nextInt(200), 1, 1).plusDays(random.nextInt(366))
                    .format(YYYYMMDD);
            case TIME -> String.format("%02d%02d%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
            case CPR -> String.format("%02d%02d%02d%04d", 1 + random.nextInt(28) + (random.nextBoolean() ? 60 : 0),
                    1 + random.nextInt(12), random.nextInt(100), random.nextInt(10_000));
            case SE -> {
                String se = null;
                while (se == null) {
                    se = Cvr.withCheckDigit(String.format("%07d", 1_000_000 + random.nextInt(9_000_000)));
                }
                yield se;
            }
            case ALLOWED -> new String(f.padded(f.allowed().get(random.nextInt(f.allowed().size()))),
                    StandardCharsets.ISO_8859_1);
            case INDKOMSTTYPE -> String.format("%02d", List.copyOf(INDKOMSTTYPER).get(random.nextInt(18)));
            case FELTNR -> String.format("%04d", 1 + random.nextInt(9999));
            case SIGN -> random.nextBoolean() ? "+" : "-";
            case HOVED_ID -> (random.nextBoolean() ? "A" : "B") + "20250000000000x1";
            case COUNTRY -> "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            case NONE -> f.type() == FieldType.N ? randomDigits(f.length(), random) : "Ab 1'x".substring(0,
                    Math.min(6, f.length()));
        };
    }

    private static String randomDigits(int length, Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** Up to three changes: a field blanked, zeroed, filled with digits or letters, or one byte replaced. */
    private static void mutate(RecordSpec spec, byte[] b, Random random) {
        int changes = random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            FieldSpec f = spec.fields().get(2 + random.nextInt(spec.fields().size() - 2));
            switch (random.nextInt(6)) {
                case 0 -> Arrays.fill(b, f.offset(), f.offset() + f.length(), (byte) ' ');
                case 1 -> Arrays.fill(b, f.offset(), f.offset() + f.length(), (byte) '0');
                case 2 -> put(b, f, randomDigits(f.length(), random));
                case 3 -> put(b, f, validValue(f.rule(OTHER_RULES.get(random.nextInt(OTHER_RULES.size()))), random));
                case 4 -> put(b, f, " " + validValue(f, random));
                default -> b[f.offset() + random.nextInt(f.length())] = EDGES[random.nextInt(EDGES.length)];
            }
        }
    }

    private static void put(byte[] b, FieldSpec f, String value) {
        byte[] raw = (value + " ".repeat(f.length())).substring(0, f.length()).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(raw, 0, b, f.offset(), f.length());
    }

    /** The rules as the README states them, one field at a time, on the text of each field. */
    private static boolean reference(RecordSpec spec, byte[] b) {
        for (FieldSpec f : spec.fields().subList(2, spec.fields().size())) {
            String text = new String(b, f.offset(), f.length(), StandardCharsets.ISO_8859_1);
            boolean blank = text.chars().allMatch(ch -> ch == ' ');
            boolean digits = text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            if (f.type() == FieldType.FILLER) {
                if (!blank) {
                    return false;
                }
                continue;
            }
            if (blank) {
                if (f.isMandatory()) {
                    return false;
                }
                continue;
            }
            if (f.type() == FieldType.N && !digits) {
                return false;
            }
            if (!ruleHolds(f, text)) {
                return false;
            }
        }
        if (spec.type().equals("6000")) {
            boolean tin = !blank(b, spec.field(10));
            boolean country = !blank(b, spec.field(11));
            boolean identified = !blank(b, spec.field(4)) || !blank(b, spec.field(5)) || !blank(b, spec.field(6));
            return (!tin || country) && identified;
        }
        return true;
    }

    private static boolean blank(byte[] b, FieldSpec f) {
        for (int i = f.offset(); i < f.offset() + f.length(); i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean ruleHolds(FieldSpec f, String text) {
        return switch (f.rule()) {
            case NONE -> true;
            case DATE -> isDate(text);
            case TIME -> Integer.parseInt(text.substring(0, 2)) <= 23 && Integer.parseInt(text.substring(2, 4)) <= 59
                    && Integer.parseInt(text.substring(4, 6)) <= 59;
            case CPR -> Cpr.isValid(text);
            case SE -> Cvr.isValid(text);
            case ALLOWED -> f.allowed().stream().anyMatch(a -> new String(f.padded(a), StandardCharsets.ISO_8859_1)
                    .equals(text));
            case INDKOMSTTYPE -> INDKOMSTTYPER.contains(Integer.parseInt(text));
            case FELTNR -> !text.equals("0".repeat(text.length()));
            case SIGN -> text.equals("+") || text.equals("-");
            case HOVED_ID -> text.matches("[AB][A-Za-z0-9]{15}");
            case COUNTRY -> text.matches("[A-Z]{2}");
        };
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text, YYYYMMDD);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
