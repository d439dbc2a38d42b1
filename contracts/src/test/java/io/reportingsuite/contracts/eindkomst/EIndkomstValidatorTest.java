package io.reportingsuite.contracts.eindkomst;

import static io.reportingsuite.contracts.eindkomst.TestFiles.CPR_1;
import static io.reportingsuite.contracts.eindkomst.TestFiles.KY_ID_16;
import static io.reportingsuite.contracts.eindkomst.TestFiles.codes;
import static io.reportingsuite.contracts.eindkomst.TestFiles.join;
import static io.reportingsuite.contracts.eindkomst.TestFiles.lines;
import static io.reportingsuite.contracts.eindkomst.TestFiles.validKy;
import static io.reportingsuite.contracts.eindkomst.TestFiles.validate;
import static io.reportingsuite.contracts.eindkomst.TestFiles.validateKy;
import static io.reportingsuite.contracts.eindkomst.TestFiles.withField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule: one input that triggers it (at the right line and field) and the valid file that does not. */
class EIndkomstValidatorTest {

    private static Finding only(ValidationResult result, String rule) {
        List<Finding> matching = result.findings().stream().filter(f -> f.rule().equals(rule)).toList();
        assertThat(matching).as("findings %s in %s", rule, result.findings()).hasSize(1);
        return matching.get(0);
    }

    private static void assertFinding(ValidationResult result, String rule, long line, int field) {
        Finding f = only(result, rule);
        assertThat(f.line()).isEqualTo(line);
        assertThat(f.field()).isEqualTo(field);
    }

    private static byte[] edit(byte[] file, Consumer<List<String>> change) {
        List<String> lines = lines(file);
        change.accept(lines);
        return join(lines);
    }

    @Test
    void validFileHasNoFindingsAndCountsRecords() {
        ValidationResult result = EIndkomstValidator.validate(validKy(), ValidationOptions.defaults()
                .withSystem(CaseSystem.KY).withExpectedHovedIndberetningId(KY_ID_16));
        assertThat(result.findings()).isEmpty();
        assertThat(result.records()).isEqualTo(10);
        assertThat(result.errors()).isZero();
        assertThat(result.warnings()).isZero();
        assertThat(result.hovedIndberetningId()).isEqualTo(KY_ID_16);
        assertThat(result.recordCounts()).containsEntry("6001", 3L).containsEntry("1000", 1L)
                .containsKeys("2001", "2101", "5000", "6000", "6002", "9999");
        assertThat(result.summary()).isEqualTo("records: 10, errors: 0, warnings: 0");
    }

    @Test
    void aListenerSeesEveryRecordOnceInTheSamePassAndTheResultIsUnchanged() {
        ValidationOptions options = ValidationOptions.defaults().withSystem(CaseSystem.KY)
                .withExpectedHovedIndberetningId(KY_ID_16);
        List<String> seen = new java.util.ArrayList<>();
        ValidationResult result = EIndkomstValidator.validate(validKy(), options,
                v -> seen.add(v.lineNumber() + ":" + v.recordType() + ":"
                        + (v.recordType() == 1000 ? v.value(RecordLayouts.R1000.field(5)) : "")));
        assertThat(seen).hasSize(10).startsWith("1:1000:" + lines(validKy()).get(0).substring(
                RecordLayouts.R1000.field(5).offset(), RecordLayouts.R1000.field(5).offset()
                        + RecordLayouts.R1000.field(5).length()).trim());
        assertThat(seen.stream().map(s -> s.split(":")[0]).toList())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(result).isEqualTo(EIndkomstValidator.validate(validKy(), options));
    }

    @Nested
    class Structure {

        @Test
        void e01EmptyInput() {
            assertThat(codes(validate(new byte[0]))).containsExactly("E01");
        }

        @Test
        void e02ShortLineOrNonNumericLbNr() {
            byte[] shortLine = edit(validKy(), l -> l.set(2, "0000003210"));
            assertFinding(validate(shortLine), "E02", 3, 0);
            byte[] letters = edit(validKy(), l -> l.set(2, "00000x3" + l.get(2).substring(7)));
            assertFinding(validate(letters), "E02", 3, 0);
        }

        @Test
        void unreadableLinesStillCountForPlacement() {
            byte[] garbageFirst = edit(validKy(), l -> l.add(0, "?"));
            assertThat(validate(garbageFirst).findings()).extracting(Finding::rule, Finding::line)
                    .contains(tuple("E02", 1L),
                            tuple("E04", 1L));
            byte[] garbageSecond = edit(validKy(), l -> l.set(1, "?"));
            assertFinding(validate(garbageSecond), "E06", 2, 0);
        }

        @Test
        void e03LbNrNotConsecutive() {
            byte[] file = withField(validKy(), 3, 1, "0000004");
            assertThat(validate(file).findings()).extracting(Finding::rule, Finding::line)
                    .containsExactly(tuple("E03", 3L),
                            tuple("E03", 4L));
            byte[] notFromOne = edit(validKy(), l -> {
                for (int i = 0; i < l.size(); i++) {
                    l.set(i, String.format("%07d", i + 2) + l.get(i).substring(7));
                }
            });
            assertFinding(validate(notFromOne), "E03", 1, 1);
        }

        @Test
        void e04FirstAndLastRecords() {
            byte[] no1000 = edit(validKy(), l -> l.set(0, "0000001" + "2001" + l.get(1).substring(11)));
            assertThat(validate(no1000).findings()).anySatisfy(f -> {
                assertThat(f.rule()).isEqualTo("E04");
                assertThat(f.line()).isEqualTo(1);
            });
            byte[] no9999 = edit(validKy(), l -> l.remove(9));
            assertThat(only(validate(no9999), "E04").message()).contains("no 9999");
            byte[] after9999 = edit(validKy(), l -> l.add("0000011" + "6003" + "0083X"));
            assertFinding(validate(after9999), "E04", 11, 0);
            byte[] two1000 = edit(validKy(), l -> l.set(2, "0000003" + l.get(0).substring(7)));
            assertThat(only(validate(two1000), "E04").message()).contains("more than one 1000");
        }

        @Test
        void e05CountMustIncludeHeaderAndTrailer() {
            assertFinding(validate(withField(validKy(), 10, 3, "0000008")), "E05", 10, 3);
        }

        @Test
        void e06TwoThousandOneDirectlyAfterHeader() {
            byte[] file = edit(validKy(), l -> {
                String employer = l.remove(1);
                l.add(2, employer);
                for (int i = 0; i < l.size(); i++) {
                    l.set(i, String.format("%07d", i + 1) + l.get(i).substring(7));
                }
            });
            assertFinding(validate(file), "E06", 2, 0);
        }

        @Test
        void e07GroupAndPersonOrder() {
            byte[] no5000 = edit(validKy(), l -> l.set(3, "0000004" + "2101" + l.get(2).substring(11)));
            assertFinding(validate(no5000), "E07", 5, 0);
            byte[] no6000 = edit(validKy(), l -> l.set(4, "0000005" + "2101" + l.get(2).substring(11)));
            assertThat(validate(no6000).findings()).filteredOn(f -> f.rule().equals("E07"))
                    .extracting(Finding::line).containsExactly(6L, 7L, 8L, 9L);
        }

        @Test
        void e08RequestIdMustMatchHeader() {
            ValidationOptions options = ValidationOptions.defaults()
                    .withExpectedHovedIndberetningId("A999999999999999");
            assertFinding(EIndkomstValidator.validate(validKy(), options), "E08", 1, 12);
        }

        @Test
        void e09BareLineFeedIsErrorOrWarningInAdvisoryMode() {
            String text = new String(validKy(), StandardCharsets.ISO_8859_1);
            byte[] file = text.replaceFirst("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
            Finding strict = only(validate(file), "E09");
            assertThat(strict.line()).isEqualTo(1);
            assertThat(strict.severity()).isEqualTo(Severity.ERROR);
            Finding advisory = only(EIndkomstValidator.validate(file, ValidationOptions.defaults()
                    .withMode(ValidationOptions.Mode.ADVISORY)), "E09");
            assertThat(advisory.severity()).isEqualTo(Severity.WARNING);
            byte[] bareCr = text.replaceFirst("\r\n", "\r").getBytes(StandardCharsets.ISO_8859_1);
            assertFinding(validate(bareCr), "E09", 1, 0);
        }

        @Test
        void e10LineLongerThanItsRecord() {
            byte[] file = edit(validKy(), l -> l.set(5, l.get(5) + "X"));
            assertFinding(validate(file), "E10", 6, 0);
        }

        @Test
        void e11UnknownRecordType() {
            byte[] file = withField(validKy(), 8, 2, "6009");
            assertFinding(validate(file), "E11", 8, 2);
        }

        @Test
        void e12SupplementaryRecordDirectlyAfterPersonOrEmployment() {
            RecordBuilder supplement = RecordBuilder.of(RecordLayouts.R8001).set(3, "19310201").set(4, "3")
                    .set(5, "DE").set(6, "O'Reilly, Pat");
            byte[] afterAmount = TestFiles.ky().record(supplement).build();
            assertFinding(validate(afterAmount), "E12", 10, 0);
            byte[] afterPerson = TestFiles.ky().person(TestFiles.CPR_CONSTRUCTED).record(supplement)
                    .amount("0014", 100).build();
            assertThat(validate(afterPerson).findings()).isEmpty();
        }

        @Test
        void shortLinesAndMissingFinalSeparatorAreFine() {
            String text = new String(validKy(), StandardCharsets.ISO_8859_1);
            byte[] trimmed = String.join("\r\n", text.lines().map(String::stripTrailing).toList())
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(validate(trimmed).findings()).isEmpty();
        }
    }

    @Nested
    class Fields {

        @ParameterizedTest(name = "{0} at line {1} field {2}")
        @CsvSource({
            "F01, 4, 4, ''",                  // 5000 Indberetnings_id blank
            "F01, 1, 5, ''",                  // 1000 Indberetter_SE-nr blank
            "F02, 6, 4, 00000A0000",          // 6001 amount not numeric
            "F02, 4, 11, ' 12'",              // optional N field with blanks inside
            "F03, 3, 6, 20250230",            // 2101 Ansættelsesdato 30 Feb
            "F04, 1, 4, 246000",              // 1000 Klok_sendt
            "F05, 1, 14, X",                  // 1000 Test-markering
            "F05, 3, 9, 3",                   // 2101 Skattekort_type
            "F06, 1, 8, XX",                  // 1000 filler
            "F10, 5, 4, 3213011234",          // 6000 CPR, day 32
            "F10, 3, 3, 0000000000",          // 2101 CPR
            "F11, 2, 4, 31500029",            // 2001 SE mod 11
            "F11, 1, 5, 09800014",            // 1000 SE leading zero
            "F12, 4, 12, 12",                 // 5000 Indkomsttype
            "F13, 6, 3, 0000",                // 6001 Feltnr
            "F14, 6, 6, X",                   // 6001 Fortegn
            "F15, 5, 11, dk",                 // 6000 TIN_landekode
            "F20, 4, 5, O'R",                 // 5000 Reference_id
            "H01, 1, 12, C202500000000001"    // 1000 Hoved_indberetnings_id
        })
        void fieldRule(String rule, int line, int field, String raw) {
            assertFinding(validate(withField(validKy(), line, field, raw)), rule, line, field);
        }

        @Test
        void f16TinNeedsCountry() {
            assertFinding(validate(withField(validKy(), 5, 10, "DE123456789")), "F16", 5, 11);
            assertThat(validate(withField(withField(validKy(), 5, 10, "DE123456789"), 5, 11, "DE"))
                    .findings()).isEmpty();
        }

        @Test
        void f17PersonMustBeIdentified() {
            assertFinding(validate(withField(validKy(), 5, 4, "")), "F17", 5, 4);
            assertThat(validate(withField(withField(validKy(), 5, 4, ""), 5, 6, "M-17")).findings()).isEmpty();
        }

        @Test
        void f18PeriodEndNotBeforeStart() {
            assertFinding(validate(withField(validKy(), 4, 7, "20241231")), "F18", 4, 7);
            assertThat(validate(withField(validKy(), 4, 7, "20250101")).findings()).isEmpty();
        }

        @Test
        void f20ApostropheAllowedInNamesAndTextsWarnedIn2101() {
            byte[] text = TestFiles.ky().record(RecordBuilder.of(RecordLayouts.R6004).set(3, "0100")
                    .set(4, "O'Reilly")).build();
            assertThat(validate(text).findings()).isEmpty();
            byte[] suppl = withField(validKy(), 3, 11, "O'Reilly");
            Finding warning = only(validate(suppl), "F20");
            assertThat(warning.severity()).isEqualTo(Severity.WARNING);
            assertThat(warning.field()).isEqualTo(11);
        }

        @Test
        void f21ControlCharacter() {
            assertFinding(validate(withField(validKy(), 4, 5, "AB\u0001")), "F21", 4, 5);
            assertFinding(validate(withField(validKy(), 4, 5, "AB\u0085")), "F21", 4, 5);
            assertThat(validate(withField(validKy(), 4, 5, "Ærø Å")).findings()).isEmpty();
        }

        @Test
        void constructedCprAndBlankOptionalFieldsAreFine() {
            byte[] file = withField(withField(validKy(), 5, 4, TestFiles.CPR_CONSTRUCTED), 3, 7, "");
            assertThat(validate(file).findings()).isEmpty();
        }
    }

    @Nested
    class Kombit {

        @Test
        void h02PrefixMustMatchSystem() {
            ValidationResult result = EIndkomstValidator.validate(validKy(),
                    ValidationOptions.defaults().withSystem(CaseSystem.KSD));
            assertFinding(result, "H02", 1, 12);
            assertThat(validateKy(validKy()).findings()).isEmpty();
        }

        @Test
        void k01IndkomsttypeOfTheSystemIsAWarning() {
            Finding f = only(validateKy(withField(validKy(), 4, 12, "07")), "K01");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.line()).isEqualTo(4);
            assertThat(validate(withField(validKy(), 4, 12, "07")).findings()).isEmpty();
        }

        @Test
        void k02LsbMarkMustBeBlank() {
            byte[] file = withField(validKy(), 2, 5, "A");
            assertFinding(validateKy(file), "K02", 2, 5);
            assertThat(validate(file).findings()).isEmpty();
        }

        @Test
        void k03EdbSystemOfTheSystem() {
            byte[] file = withField(validKy(), 1, 10, "KOMBIT_KSD");
            assertThat(only(validateKy(file), "K03").severity()).isEqualTo(Severity.WARNING);
        }

        @Test
        void k04LetLoenRecordIsOnlyAWarning() {
            byte[] file = TestFiles.ky().record(RecordBuilder.of(RecordLayouts.R2111).set(3, "opaque")).build();
            Finding f = only(validate(file), "K04");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.line()).isEqualTo(10);
        }
    }

    @Test
    void x01CapsTheListButKeepsCounting() {
        String text = new String(validKy(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        ValidationResult result = EIndkomstValidator.validate(text.getBytes(StandardCharsets.ISO_8859_1),
                ValidationOptions.defaults().withMaxFindings(3));
        assertThat(codes(result)).containsExactly("E09", "E09", "E09", "X01");
        assertThat(result.truncated()).isTrue();
        assertThat(result.errors()).isEqualTo(10);
        assertThat(codes(validate(validKy()))).doesNotContain("X01");
    }

    @Test
    void findingsNeverCarryCprDigits() {
        byte[] file = withField(withField(validKy(), 5, 4, "3213011234"), 3, 3, CPR_1.substring(0, 9) + "X");
        ValidationResult result = validate(file);
        assertThat(result.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.format()).doesNotContain("3213011234").doesNotContain(CPR_1.substring(0, 9));
        });
    }
}
