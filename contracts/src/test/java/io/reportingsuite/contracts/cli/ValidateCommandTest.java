package io.reportingsuite.contracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process runs of the CLI against the checked-in samples (surefire runs in the module directory). */
class ValidateCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples", "eindkomst");

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = ValidateCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void validSamplesExitZeroWithOnlyTheSummary() {
        assertThat(run(SAMPLES.resolve("ky-valid.txt").toString(), "--system", "KY", "--id", "A2025KY000000001"))
                .isZero();
        assertThat(out).isEqualTo("records: 12, errors: 0, warnings: 0" + System.lineSeparator());
        assertThat(run(SAMPLES.resolve("ksd-valid.txt").toString(), "--system", "KSD", "--id",
                "B2025KSD00000001")).isZero();
        assertThat(out).startsWith("records: 10, errors: 0");
        assertThat(err).isEmpty();
    }

    @Test
    void invalidSamplePrintsEachFindingAsFormattedAndExitsOne() {
        assertThat(run(SAMPLES.resolve("ky-invalid.txt").toString(), "--system", "KY")).isEqualTo(1);
        assertThat(out.lines().toList()).containsExactly(
                "line 2, record 2001, field 4 (Virksomhed_SE-nr): The field is not a valid SE/CVR number "
                        + "(eight digits passing the modulus-11 check). [F11]",
                "line 3, record 2101, field 3 (Person_CPR-nr): The field is not a valid CPR number "
                        + "(ten digits forming a valid birth date). [F10]",
                "line 4, record 5000, field 5 (Reference_id): An apostrophe is not allowed in this field. [F20]",
                "line 4, record 5000, field 12 (Indkomsttype): The indkomsttype is not the one the case system "
                        + "reports (KY 06, KSD 07). [K01] (warning)",
                "line 7, record 6001, field 6 (Fortegn): Fortegn must be + or -. [F14]",
                "line 8, record 9999, field 3 (Antal_records): Antal_records does not equal the number of lines "
                        + "including the 1000 and 9999 records. [E05]",
                "records: 8, errors: 5, warnings: 1");
        assertThat(out).doesNotContain("3111421235");
    }

    @Test
    void warningsOnlyExitZero(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lf.txt");
        String text = Files.readString(SAMPLES.resolve("ky-valid.txt"), StandardCharsets.ISO_8859_1);
        Files.writeString(file, text.replace("\r\n", "\n"), StandardCharsets.ISO_8859_1);
        assertThat(run(file.toString(), "--advisory")).isZero();
        assertThat(out).contains("[E09] (warning)").endsWith("records: 12, errors: 0, warnings: 12"
                + System.lineSeparator());
        assertThat(run(file.toString())).isEqualTo(1);
    }

    @Test
    void idMismatchIsAnError() {
        assertThat(run(SAMPLES.resolve("ky-valid.txt").toString(), "--id", "A2025KY000000009")).isEqualTo(1);
        assertThat(out).contains("[E08]");
    }

    @Test
    void usageAndIoProblemsExitTwoWithAMessageAndNoStackTrace(@TempDir Path dir) {
        assertThat(run()).isEqualTo(2);
        assertThat(err).contains("FILE is missing").contains("usage:");
        assertThat(run("a.txt", "--system", "XX")).isEqualTo(2);
        assertThat(err).contains("--system must be KY or KSD");
        assertThat(run("a.txt", "--id")).isEqualTo(2);
        assertThat(run("a.txt", "b.txt")).isEqualTo(2);
        assertThat(run("a.txt", "--strict")).isEqualTo(2);
        assertThat(run(dir.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(err).contains("file not found");
        assertThat(run(dir.toString())).isEqualTo(2);
        assertThat(err).contains("cannot read").doesNotContain("\tat ");
        assertThat(out).isEmpty();
    }

    @Test
    void jsonPrintsTheDecodedFormOnStdoutAndTheReportOnStderr() throws IOException {
        assertThat(run(SAMPLES.resolve("ky-valid.txt").toString(), "--system", "KY", "--json")).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        assertThat(doc.at("/indberetter/hovedIndberetningsId").asText()).isEqualTo("A2025KY000000001");
        assertThat(doc.at("/indkomster/0/personer").size()).isEqualTo(2);
        assertThat(err).isEqualTo("records: 12, errors: 0, warnings: 0" + System.lineSeparator());

        assertThat(run(SAMPLES.resolve("ky-invalid.txt").toString(), "--system", "KY", "--json")).isEqualTo(1);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out).at("/virksomhed").isObject())
                .isTrue();
        assertThat(err).contains("[F11]", "records: 8, errors: 5");
    }
}
