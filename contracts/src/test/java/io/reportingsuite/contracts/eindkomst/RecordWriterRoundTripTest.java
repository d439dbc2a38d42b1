package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Writer and parser driven by the same layouts: what is written reads back field by field. */
class RecordWriterRoundTripTest {

    static List<RecordSpec> layouts() {
        return List.copyOf(RecordLayouts.all().values());
    }

    /** A value for every field that fits it: digits for N, text with Danish letters for A. */
    private static Map<Integer, String> sampleValues(RecordSpec spec) {
        Map<Integer, String> values = new HashMap<>();
        for (FieldSpec f : spec.fields().subList(2, spec.fields().size())) {
            if (f.type() == FieldType.N) {
                values.put(f.number(), "9".repeat(Math.min(f.length(), 3)));
            } else if (f.type() == FieldType.A) {
                values.put(f.number(), "Æø".substring(0, Math.min(f.length(), 2)));
            }
        }
        return values;
    }

    @ParameterizedTest(name = "record {0}")
    @MethodSource("layouts")
    void everyRecordTypeRoundTrips(RecordSpec spec) throws IOException {
        Map<Integer, String> values = sampleValues(spec);
        RecordBuilder builder = RecordBuilder.of(spec);
        values.forEach(builder::set);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EIndkomstWriter writer = new EIndkomstWriter(out);
        writer.write(builder);

        List<String> seen = new ArrayList<>();
        EIndkomstParser.parse(new ByteArrayInputStream(out.toByteArray()), v -> {
            assertThat(v.length()).isEqualTo(spec.length());
            assertThat(v.lineBreak()).isEqualTo(LineBreak.CRLF);
            assertThat(v.spec()).isSameAs(spec);
            assertThat(v.lbNr()).isEqualTo(1);
            for (FieldSpec f : spec.fields().subList(2, spec.fields().size())) {
                String expected = values.get(f.number());
                if (f.type() == FieldType.N) {
                    expected = "0".repeat(f.length() - expected.length()) + expected;
                }
                assertThat(v.value(f)).as("field %s", f).isEqualTo(expected == null ? "" : expected);
            }
            seen.add(v.raw(spec.field(1)));
        });
        assertThat(seen).containsExactly("0000001");
    }

    @Test
    void writerNumbersLinesAndCountsTrailer() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EIndkomstWriter writer = new EIndkomstWriter(out);
        writer.write(RecordBuilder.of(RecordLayouts.R6003).set(3, "0083").set(4, "X"));
        writer.write(RecordBuilder.of(RecordLayouts.R6003).set(3, "0083").set(4, "X"));
        writer.finish();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "000000160030083X\r\n" + "000000260030083X\r\n" + "000000399990000003\r\n");
        assertThat(writer.written()).isEqualTo(3);
    }

    @Test
    void rejectsValuesThatDoNotFitWithoutEchoingThem() {
        RecordBuilder b = RecordBuilder.of(RecordLayouts.R6000);
        assertThatThrownBy(() -> b.set(4, "01010112345"))
                .hasMessage("Record 6000 field 4 (Person_CPR-nr) is longer than 10 characters.");
        assertThatThrownBy(() -> b.set(4, "01010A1234")).hasMessageContaining("digits only")
                .hasMessageNotContaining("01010A1234");
        assertThatThrownBy(() -> b.set(6, "a\tb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> b.set(6, "€")).hasMessageContaining("outside ISO-8859-1");
        assertThatThrownBy(() -> b.set(4, -1L)).hasMessageContaining("negative");
        assertThatThrownBy(() -> b.set(12, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.set("Nope", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layoutsCoverAllRecordTypesWithSpecLengths() {
        Map<String, Integer> lengths = new HashMap<>();
        RecordLayouts.all().forEach((type, spec) -> lengths.put(type, spec.length()));
        assertThat(lengths).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("1000", 142), Map.entry("2001", 39), Map.entry("2101", 144), Map.entry("2111", 200),
                Map.entry("8001", 146), Map.entry("5000", 75), Map.entry("6000", 96), Map.entry("6001", 32),
                Map.entry("6002", 25), Map.entry("6003", 16), Map.entry("6004", 73), Map.entry("6005", 24),
                Map.entry("4101", 55), Map.entry("9999", 18)));
        assertThat(RecordLayouts.R1000.field("Hoved_indberetnings_id").position()).isEqualTo(90);
        assertThat(RecordLayouts.byType(1234)).isNull();
        assertThat(RecordLayouts.maxLength()).isLessThanOrEqualTo(RecordView.KEPT);
    }

    @Test
    void aLayoutWithAGapIsRefused() {
        assertThatThrownBy(() -> new RecordSpec("7777", 12, List.of(
                FieldSpec.n(1, "Lb_nr", 1, 7), FieldSpec.n(2, "Rec_nr", 9, 4).allowed("7777")), 2))
                .hasMessageContaining("out of place");
    }
}
