package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reportingsuite.contracts.finding.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in samples at the repository root stay what samples/README.md says they are. */
class SamplesTest {

    private static final Path SAMPLES = Path.of("..", "samples", "eindkomst");

    private static ValidationResult validate(String name, CaseSystem system, String id) throws IOException {
        return EIndkomstValidator.validate(Files.readAllBytes(SAMPLES.resolve(name)), ValidationOptions.defaults()
                .withSystem(system).withExpectedHovedIndberetningId(id));
    }

    @Test
    void kyValid() throws IOException {
        ValidationResult result = validate("ky-valid.txt", CaseSystem.KY, "A2025KY000000001");
        assertThat(result.findings()).isEmpty();
        assertThat(result.recordCounts()).containsEntry("2101", 2L).containsEntry("6000", 2L);
    }

    @Test
    void ksdValidCarriesTheKsdMinimum() throws IOException {
        ValidationResult result = validate("ksd-valid.txt", CaseSystem.KSD, "B2025KSD00000001");
        assertThat(result.findings()).isEmpty();
        String text = Files.readString(SAMPLES.resolve("ksd-valid.txt"), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("60010014", "60010015", "60020045", "60010046");
    }

    @Test
    void kyInvalidHasTheDocumentedFindings() throws IOException {
        ValidationResult result = validate("ky-invalid.txt", CaseSystem.KY, "A2025KY000000002");
        assertThat(result.findings()).extracting(Finding::line, Finding::field, Finding::rule).containsExactly(
                tuple(2L, 4, "F11"), tuple(3L, 3, "F10"), tuple(4L, 5, "F20"), tuple(4L, 12, "K01"),
                tuple(7L, 6, "F14"), tuple(8L, 3, "E05"));
    }

    @Test
    void samplesAreCrLfLatin1() throws IOException {
        for (String name : new String[] {"ky-valid.txt", "ksd-valid.txt", "ky-invalid.txt"}) {
            String text = Files.readString(SAMPLES.resolve(name), StandardCharsets.ISO_8859_1);
            assertThat(text.replace("\r\n", "")).doesNotContain("\r", "\n");
            assertThat(text).endsWith("\r\n");
        }
    }
}
