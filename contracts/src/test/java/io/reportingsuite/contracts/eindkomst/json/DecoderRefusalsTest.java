package io.reportingsuite.contracts.eindkomst.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reportingsuite.contracts.finding.Finding;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the model cannot hold is named by line and field, not silently dropped. */
class DecoderRefusalsTest {

    private static String fixture() {
        return new String(ForsendelseJsonFixtures.kyFile(), StandardCharsets.ISO_8859_1);
    }

    private static ForsendelseJsonDecoder.Decoded decode(String text) {
        return ForsendelseJsonDecoder.decode(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void unrepresentableContentAndPlaces() {
        String[] lines = fixture().split("\r\n");
        // line 7: 6001 with more than two decimals; line 6: 6000 Fillerfelt not zeros; 2001 filler not blank
        lines[6] = lines[6].substring(0, 27) + "1" + lines[6].substring(28);
        lines[5] = lines[5].substring(0, 11) + "00000001" + lines[5].substring(19);
        lines[1] = lines[1].substring(0, 11) + "X" + lines[1].substring(12);
        // line 3: 2101 Ansættelsesdato 31 February; line 13: 4101 moved before the 5000 is fine, 6001 after it not
        lines[2] = lines[2].substring(0, 44) + "20250231" + lines[2].substring(52);
        String text = String.join("\r\n", lines[0], lines[1], lines[2], lines[3], lines[4], lines[5], lines[6],
                lines[12], "0000014600100140000001000000+", "0000015XXXX", lines[13]) + "\r\n";

        ForsendelseJsonDecoder.Decoded decoded = decode(text);

        assertThat(decoded.complete()).isFalse();
        assertThat(decoded.problems()).extracting(Finding::rule, Finding::line, Finding::field).containsExactly(
                tuple("D03", 2L, 3), tuple("D03", 3L, 6), tuple("D03", 6L, 3), tuple("D03", 7L, 5),
                tuple("D02", 9L, 0), tuple("D01", 10L, 0));
        assertThat(decoded.document().at("/tilbagefoersler/0/indberetningsId").asText()).isEqualTo("KY20241200000001");
    }

    @Test
    void a2111AndASecond2001HaveNoPlace() {
        String[] lines = fixture().split("\r\n");
        String text = String.join("\r\n", lines[0], lines[1], lines[1], "00000042111x", lines[13]);
        assertThat(decode(text).problems()).extracting(Finding::rule, Finding::line)
                .containsExactly(tuple("D02", 3L), tuple("D02", 4L));
    }
}
