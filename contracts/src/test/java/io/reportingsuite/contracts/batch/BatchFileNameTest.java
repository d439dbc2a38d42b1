package io.reportingsuite.contracts.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.reportingsuite.contracts.finding.Finding;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchFileNameTest {

    private static final LocalDate APRIL_23 = LocalDate.of(2007, 4, 23);

    @ParameterizedTest
    @ValueSource(strings = {
            "FI.DMFA.006400.20070423.00001.R.4.1",
            "FI.DMFA.006400.20070423.00001.R.4.4",
            "FO.ACRF.999999.20070423.00001.R",
            "FO.NOTI.999999.20070424.00001.R",
            "FI.ACRF.006400.20070424.00001.R",
            "FO.DMNO.999999.20070425.00010.R.1.1",
            "FO.ACRF.999999.20110701.00001.T",
            "FS.ACRF.999999.20110701.00001.T",
            "GO.ACRF.999999.20110701.00001.T",
            "GO.DMFA.112768.20250109.00014.R.1",
            "FS.DMFA.112768.20250109.00014.R.1.1",
            "FO.ACRF.999999.20250109.24AZG.R"})
    void officialExamplesParseAndRenderUnchanged(String name) {
        ParseResult<BatchFileName> result = BatchFileName.parse(name);
        assertThat(result.findings()).isEmpty();
        assertThat(result.orElseThrow().toString()).isEqualTo(name);
    }

    @Test
    void parsedElements() {
        BatchFileName name = BatchFileName.parse("FI.DMFA.006400.20070423.00001.R.4.1").orElseThrow();
        assertThat(name).isEqualTo(new BatchFileName(Kind.FI, "DMFA", "006400", APRIL_23, "00001", Environment.R,
                4, 1));
        assertThat(name.hasParts()).isTrue();
        assertThat(name.transmission()).hasToString("DMFA.006400.20070423.00001.R");
    }

    @Test
    void buildersProduceTheOfficialExamples() {
        BatchFileName fi = BatchFileName.fi("DMFA", "006400", APRIL_23, "00001", Environment.R, 4, 1);
        assertThat(fi).hasToString("FI.DMFA.006400.20070423.00001.R.4.1");
        assertThat(fi.withPart(4)).hasToString("FI.DMFA.006400.20070423.00001.R.4.4");
        assertThat(fi.signature()).hasToString("FS.DMFA.006400.20070423.00001.R.4.1");
        assertThat(fi.go()).hasToString("GO.DMFA.006400.20070423.00001.R.4");
        assertThat(BatchFileName.fi("ACRF", "006400", APRIL_23.plusDays(1), "00001", Environment.R))
                .hasToString("FI.ACRF.006400.20070424.00001.R");
        assertThat(BatchFileName.acknowledgement(APRIL_23, "00001", Environment.R))
                .hasToString("FO.ACRF.999999.20070423.00001.R");
        assertThat(BatchFileName.fo("NOTI", LocalDate.of(2007, 4, 24), "00001", Environment.R))
                .hasToString("FO.NOTI.999999.20070424.00001.R");
        assertThat(BatchFileName.fo("DMNO", LocalDate.of(2007, 4, 25), "00010", Environment.R, 1, 1))
                .hasToString("FO.DMNO.999999.20070425.00010.R.1.1");
        BatchFileName testAck = BatchFileName.acknowledgement(LocalDate.of(2011, 7, 1), "00001", Environment.T);
        assertThat(List.of(testAck, testAck.signature(), testAck.go())).extracting(BatchFileName::toString)
                .containsExactly("FO.ACRF.999999.20110701.00001.T", "FS.ACRF.999999.20110701.00001.T",
                        "GO.ACRF.999999.20110701.00001.T");
        assertThat(BatchFileName.fi("DMFA", "112768", LocalDate.of(2025, 1, 9), "00014", Environment.R, 1, 1).go())
                .hasToString("GO.DMFA.112768.20250109.00014.R.1");
    }

    @Test
    void signatureAndGoNeedADataFile() {
        BatchFileName go = BatchFileName.parse("GO.DMFA.112768.20250109.00014.R.1").orElseThrow();
        assertThatThrownBy(go::signature).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(go::go).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void buildersRefuseInvalidElementsWithoutQuotingThem() {
        assertThatThrownBy(() -> BatchFileName.fi("dmfa", "0064000", APRIL_23, "00001", Environment.R, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[B03]").hasMessageContaining("[B04]").hasMessageContaining("[B09]")
                .hasMessageNotContaining("dmfa").hasMessageNotContaining("0064000");
    }

    @ParameterizedTest(name = "{0} -> {1} field {2}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL, B01, 0",
            "'', B01, 0",
            "FI.DMFA.006400.20070423.00001.R.4.1.7, B01, 0",
            "FI.DMFA.006400.20070423.00001, B01, 6",
            "FI.DMFA.006400.20070423.00001.R.4.1.FI.DMFA.006400.20070423.00001.R.4.1, B01, 0",
            "XX.DMFA.006400.20070423.00001.R, B02, 1",
            "fi.DMFA.006400.20070423.00001.R, B02, 1",
            "FI.DMF.006400.20070423.00001.R, B03, 2",
            "FI.dmfa.006400.20070423.00001.R, B03, 2",
            "FI.DMFA.0064000.20070423.00001.R, B04, 3",
            "FI.DMFA.006400.20070231.00001.R, B05, 4",
            "FI.DMFA.006400.2007042.00001.R, B05, 4",
            "FI.DMFA.006400.20070423.0001.R, B06, 5",
            "FI.DMFA.006400.20070423.0000a.R, B06, 5",
            "FI.DMFA.006400.20070423.00001.P, B07, 6",
            "FI.DMFA.006400.20070423.00001.r, B07, 6",
            "FI.DMFA.006400.20070423.00001.R.0.1, B08, 7",
            "FI.DMFA.006400.20070423.00001.R.04.1, B08, 7",
            "FI.DMFA.006400.20070423.00001.R.4.5, B09, 8",
            "FI.DMFA.006400.20070423.00001.R.4.0, B09, 8",
            "GO.DMFA.006400.20070423.00001.R.4.1, B10, 8",
            "FI.DMFA.006400.20070423.00001.R.4, B10, 8"})
    void eachRuleNamesItsElement(String name, String rule, int field) {
        List<Finding> findings = BatchFileName.parse(name).findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(rule);
            assertThat(f.field()).isEqualTo(field);
            assertThat(f.line()).isZero();
            assertThat(f.recordType()).isNull();
            assertThat(f.isError()).isTrue();
        });
    }

    @Test
    void findingCarriesElementNameAndSentence() {
        Finding f = BatchFileName.parse("FI.DMFA.006400.20070231.00001.R").findings().get(0);
        assertThat(f.fieldName()).isEqualTo("creation date");
        assertThat(f.format()).isEqualTo(
                "field 4 (creation date): The creation date must be a real calendar date written YYYYMMDD. [B05]");
    }

    @Test
    void reportsEveryBrokenElementAndEveryMissingOne() {
        assertThat(BatchFileName.parse("fi.dmfa.6400.20070231").findings())
                .extracting(Finding::rule, Finding::field)
                .containsExactlyInAnyOrder(
                        tuple("B01", 5), tuple("B01", 6),
                        tuple("B02", 1), tuple("B03", 2),
                        tuple("B04", 3), tuple("B05", 4));
    }

    @Test
    void messagesNeverQuoteTheInput() {
        assertThat(BatchFileName.parse("FI.SECR.123456.20070231.ABCDE.Q").findings())
                .allSatisfy(f -> assertThat(f.message()).doesNotContain("SECR", "123456", "20070231", "ABCDE"));
    }
}
