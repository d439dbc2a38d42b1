package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EIndkomstParserTest {

    private record Line(long number, int length, LineBreak brk, String start) {
    }

    private static List<Line> parse(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        EIndkomstParser.parse(in, v -> lines.add(new Line(v.lineNumber(), v.length(), v.lineBreak(),
                new String(v.bytes, 0, Math.min(v.length(), 3), StandardCharsets.ISO_8859_1))));
        return lines;
    }

    private static List<Line> parse(String text) throws IOException {
        return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Hands out one byte per read, so every separator straddles a buffer boundary. */
    private static InputStream trickle(String text) {
        return new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void splitsOnEverySeparatorKind() throws IOException {
        String text = "abc\r\nde\nf\rgh\r\n\r\nlast";
        List<Line> expected = List.of(new Line(1, 3, LineBreak.CRLF, "abc"), new Line(2, 2, LineBreak.LF, "de"),
                new Line(3, 1, LineBreak.CR, "f"), new Line(4, 2, LineBreak.CRLF, "gh"),
                new Line(5, 0, LineBreak.CRLF, ""), new Line(6, 4, LineBreak.EOF, "las"));
        assertThat(parse(text)).containsExactlyElementsOf(expected);
        assertThat(parse(trickle(text))).containsExactlyElementsOf(expected);
    }

    @Test
    void trailingSeparatorGivesNoExtraLineButATrailingCrIsALine() throws IOException {
        assertThat(parse("a\r\n")).containsExactly(new Line(1, 1, LineBreak.CRLF, "a"));
        assertThat(parse("a\r")).containsExactly(new Line(1, 1, LineBreak.CR, "a"));
        assertThat(parse(trickle("a\r"))).containsExactly(new Line(1, 1, LineBreak.CR, "a"));
        assertThat(parse("")).isEmpty();
    }

    @Test
    void hugeLineKeepsItsLengthButNotItsBytes() throws IOException {
        String huge = "x".repeat(1_000_000);
        assertThat(parse(huge + "\r\nab")).containsExactly(new Line(1, 1_000_000, LineBreak.CRLF, "xxx"),
                new Line(2, 2, LineBreak.EOF, "ab"));
    }

    @Test
    void wordAtATimeSeparatorSearchAgreesWithAPlainScan() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                int pick = random.nextInt(12);
                data[i] = (byte) (pick == 0 ? '\r' : pick == 1 ? '\n' : random.nextInt(256));
            }
            int from = data.length == 0 ? 0 : random.nextInt(data.length);
            int expected = from;
            while (expected < data.length && data[expected] != '\r' && data[expected] != '\n') {
                expected++;
            }
            assertThat(Swar.nextSeparator(data, from, data.length)).isEqualTo(expected);
        }
    }

    @Test
    void shortLineReadsAsBlankPadded() throws IOException {
        List<String> values = new ArrayList<>();
        EIndkomstParser.parse(new ByteArrayInputStream("00000016003".getBytes(StandardCharsets.ISO_8859_1)),
                v -> values.add("[" + v.raw(RecordLayouts.R6003.field(4)) + "]" + v.isBlank(
                        RecordLayouts.R6003.field(3)) + (char) v.byteAt(20)));
        assertThat(values).containsExactly("[ ]true ");
    }
}
