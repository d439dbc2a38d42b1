package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser's fused line scan (one word-at-a-time pass finds the separators and notes lines holding a byte
 * the character rules F20/F21 must see) against a straightforward byte-by-byte reference: same lines, same
 * breaks, same kept bytes, and a line reported plain holds no control character, apostrophe or byte &ge; 0x7F.
 * In-memory parsing ({@link EIndkomstParser#parse(byte[], java.util.function.Consumer)}) and streaming with
 * reads of random sizes must agree with it.
 */
class LineScanPropertiesTest {

    private static final byte[] EDGES = {'\r', '\n', '\'', 0x00, 0x1F, 0x20, 0x7E, 0x7F, (byte) 0x80,
        (byte) 0x9F, (byte) 0xA0, (byte) 0xE6, (byte) 0xFF, '0', '9', 'A'};

    private record Line(long number, int length, LineBreak brk, boolean plain, byte[] kept) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && l.number == number && l.length == length && l.brk == brk
                    && l.plain == plain && Arrays.equals(l.kept, kept);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number);
        }

        @Override
        public String toString() {
            return number + "/" + length + "/" + brk + "/" + plain;
        }
    }

    @Property(tries = 2000)
    void fusedScanAgreesWithByteByByteReference(@ForAll("inputs") byte[] input, @ForAll("seeds") long seed)
            throws IOException {
        List<Line> expected = reference(input);
        List<Line> inMemory = new ArrayList<>();
        long n = EIndkomstParser.parse(input, v -> inMemory.add(copy(v)));
        List<Line> streamed = new ArrayList<>();
        long m = EIndkomstParser.parse(randomReads(input, seed), v -> streamed.add(copy(v)));
        assertThat(inMemory).isEqualTo(expected);
        assertThat(streamed).isEqualTo(expected);
        assertThat(n).isEqualTo(expected.size());
        assertThat(m).isEqualTo(expected.size());
    }

    @Property(tries = 3000)
    void nextSpecialStopsAtTheFirstSpecialByte(@ForAll("inputs") byte[] b, @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
        int to = from + random.nextInt(b.length - from + 1);
        int expected = from;
        while (expected < to && !special(b[expected])) {
            expected++;
        }
        assertThat(Swar.nextSpecial(b, from, to)).isEqualTo(expected);
    }

    /**
     * The word-mask test of a record's fixed-class bytes against asking field by field: every mandatory N field
     * all digits and every filler blank. Records start from a valid one of a random type, with random bytes
     * put in anywhere (the bytes past the record length are junk too, as a reused buffer's are).
     */
    @Property(tries = 5000)
    void fixedBytesMaskAgreesWithFieldByField(@ForAll("types") String type, @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        RecordSpec spec = RecordLayouts.all().get(type);
        FieldPlan plan = FieldPlan.of(Integer.parseInt(type));
        byte[] b = new byte[RecordView.KEPT];
        for (int i = 0; i < b.length; i++) {
            b[i] = EDGES[random.nextInt(EDGES.length)];
        }
        for (int i = 0; i < plan.size; i++) {
            byte fill = plan.kind[i] == FieldPlan.FILLER ? (byte) ' ' : (byte) ('0' + random.nextInt(10));
            Arrays.fill(b, plan.offset[i], plan.offset[i] + plan.length[i], fill);
        }
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            b[random.nextInt(spec.length())] = EDGES[random.nextInt(EDGES.length)];
        }
        boolean expected = true;
        for (int i = 0; i < plan.size; i++) {
            for (int at = plan.offset[i]; at < plan.offset[i] + plan.length[i]; at++) {
                if (plan.kind[i] == FieldPlan.FILLER && b[at] != ' '
                        || plan.kind[i] == FieldPlan.NUMERIC && plan.mandatory[i] && (b[at] < '0' || b[at] > '9')) {
                    expected = false;
                }
            }
        }
        assertThat(plan.fixedBytesValid(b)).as("type %s", type).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(List.copyOf(RecordLayouts.all().keySet()));
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<Byte> edge = Arbitraries.of(toBoxed(EDGES));
        Arbitrary<Byte> printable = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E);
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> mostlyPlain = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, printable), net.jqwik.api.Tuple.of(3, edge), net.jqwik.api.Tuple.of(1, any));
        return mostlyPlain.array(byte[].class).ofMaxSize(1200);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static Byte[] toBoxed(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    private static boolean special(byte b) {
        int c = b & 0xFF;
        return c < 0x20 || c >= 0x7F || c == '\'';
    }

    private static Line copy(RecordView v) {
        return new Line(v.lineNumber(), v.length(), v.lineBreak(), v.plain,
                Arrays.copyOf(v.bytes, Math.min(v.length(), RecordView.KEPT)));
    }

    /** Splits at CR/LF, bare LF, bare CR and the end, one byte at a time. */
    private static List<Line> reference(byte[] in) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < in.length) {
            byte c = in[i];
            if (c == '\r' || c == '\n') {
                LineBreak brk = c == '\n' ? LineBreak.LF
                        : i + 1 < in.length && in[i + 1] == '\n' ? LineBreak.CRLF : LineBreak.CR;
                lines.add(line(lines.size() + 1, in, start, i, brk));
                i += brk == LineBreak.CRLF ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < in.length) {
            lines.add(line(lines.size() + 1, in, start, in.length, LineBreak.EOF));
        }
        return lines;
    }

    private static Line line(long number, byte[] in, int start, int end, LineBreak brk) {
        boolean plain = true;
        for (int i = start; i < end; i++) {
            if (special(in[i])) {
                plain = false;
            }
        }
        return new Line(number, end - start, brk, plain,
                Arrays.copyOfRange(in, start, start + Math.min(end - start, RecordView.KEPT)));
    }

    /** Hands the input out in reads of random sizes (1 to 300 bytes), so lines and CR/LF straddle reads. */
    private static InputStream randomReads(byte[] input, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(300)));
            }
        };
    }
}
