package io.reportingsuite.contracts.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.finding.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransmissionScannerTest {

    private static final String FI1 = "FI.DMFA.112768.20250109.00014.R.2.1";
    private static final String FI2 = "FI.DMFA.112768.20250109.00014.R.2.2";
    private static final String FS1 = "FS.DMFA.112768.20250109.00014.R.2.1";
    private static final String FS2 = "FS.DMFA.112768.20250109.00014.R.2.2";
    private static final String GO = "GO.DMFA.112768.20250109.00014.R.2";

    @Test
    void completeProductionTransmissionIsReady() {
        TransmissionScanner.Result result = TransmissionScanner.scan(BatchFolder.IN, List.of(GO, FS2, FI1, FI2, FS1));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.pending()).isEmpty();
        assertThat(result.ready()).singleElement().satisfies(t -> {
            assertThat(t.id()).hasToString("DMFA.112768.20250109.00014.R");
            assertThat(t.fileNames()).containsExactly(FI1, FI2, FS1, FS2, GO);
            assertThat(t.signatureOf(t.dataParts().get(1))).map(Object::toString).contains(FS2);
        });
    }

    @Test
    void testTransmissionNeedsNoSignature() {
        TransmissionScanner.Result result = TransmissionScanner.scan(BatchFolder.INTEST,
                List.of("FI.DMFA.112768.20250109.00001.T", "GO.DMFA.112768.20250109.00001.T"));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.ready()).singleElement()
                .satisfies(t -> assertThat(t.signatureOf(t.dataParts().get(0))).isEmpty());
    }

    @Test
    void withoutGoTheTransmissionIsPendingNotRejected() {
        TransmissionScanner.Result result = TransmissionScanner.scan(BatchFolder.IN, List.of(FI1, FS1));
        assertThat(result.ready()).isEmpty();
        assertThat(result.rejected()).isEmpty();
        assertThat(result.pending()).extracting(Object::toString).containsExactly("DMFA.112768.20250109.00014.R");
    }

    @Test
    void socialSecurityAnswersInOutTest() {
        TransmissionScanner.Result result = TransmissionScanner.scan(BatchFolder.OUTTEST, List.of(
                "FO.ACRF.999999.20110701.00001.T", "FS.ACRF.999999.20110701.00001.T",
                "GO.ACRF.999999.20110701.00001.T"));
        assertThat(result.ready()).hasSize(1);
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void invalidNameIsRejectedAloneWithItsNameFindings() {
        TransmissionScanner.Result result = TransmissionScanner.scan(BatchFolder.IN,
                List.of(FI1, FI2, FS1, FS2, GO, "FI.DMFA.112768.20250231.00015.R"));
        assertThat(result.ready()).hasSize(1);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.fileNames()).containsExactly("FI.DMFA.112768.20250231.00015.R");
            assertThat(r.findings()).extracting(Finding::rule).containsExactly("B05");
        });
    }

    @Test
    void kindNotInFolder() {
        assertThat(rules(BatchFolder.IN, "FO.ACRF.999999.20250109.00001.R")).containsExactly("T01");
        assertThat(rules(BatchFolder.OUT, FI1)).containsExactly("T01");
    }

    @Test
    void environmentNotMatchingFolder() {
        assertThat(rules(BatchFolder.INTEST, FI1)).containsExactly("T02");
        assertThat(rules(BatchFolder.IN, "FI.DMFA.112768.20250109.00001.T")).containsExactly("T02");
    }

    @Test
    void goWithoutData() {
        assertThat(rules(BatchFolder.IN, GO)).containsExactly("T03");
    }

    @Test
    void missingPart() {
        TransmissionScanner.Result result = TransmissionScanner.scan(BatchFolder.IN, List.of(FI1, FS1, GO));
        assertThat(result.ready()).isEmpty();
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.fileNames()).containsExactly(FI1, FS1, GO);
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("T04");
                assertThat(f.field()).isEqualTo(8);
                assertThat(f.message()).isEqualTo("FI part 2 of 2 is missing.");
            });
        });
    }

    @Test
    void partsMismatchBetweenDataAndGo() {
        assertThat(rules(BatchFolder.INTEST, "FI.DMFA.112768.20250109.00001.T.1.1",
                "GO.DMFA.112768.20250109.00001.T")).containsExactly("T05");
    }

    @Test
    void missingSignatureInProduction() {
        assertThat(rules(BatchFolder.IN, FI1, FI2, FS1, GO)).containsExactly("T06");
    }

    @Test
    void signatureWithoutData() {
        assertThat(rules(BatchFolder.INTEST, "FI.DMFA.112768.20250109.00001.T.2.1",
                "FI.DMFA.112768.20250109.00001.T.2.2", "FS.DMFA.112768.20250109.00001.T.1.1",
                "GO.DMFA.112768.20250109.00001.T.2")).containsExactlyInAnyOrder("T05", "T07");
    }

    private static List<String> rules(BatchFolder folder, String... names) {
        TransmissionScanner.Result result = TransmissionScanner.scan(folder, List.of(names));
        assertThat(result.ready()).isEmpty();
        return result.rejected().stream().flatMap(r -> r.findings().stream()).map(Finding::rule).toList();
    }
}
