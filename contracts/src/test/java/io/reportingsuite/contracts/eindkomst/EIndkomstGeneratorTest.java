package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EIndkomstGeneratorTest {

    @Test
    void generatedFilesAreValidForBothSystems() throws IOException {
        for (CaseSystem system : CaseSystem.values()) {
            String id = system.prefix() + "GEN000000000001";
            for (int n : new int[] {5, 6, 9, 10, 1234}) {
                ValidationResult result = EIndkomstValidator.validate(new EIndkomstGenerator(system, id, n),
                        ValidationOptions.defaults().withSystem(system).withExpectedHovedIndberetningId(id));
                assertThat(result.findings()).as("%s %d", system, n).isEmpty();
                assertThat(result.records()).isEqualTo(n);
            }
        }
    }

    @Test
    void byteAtATimeReadingGivesTheSameBytes() throws IOException {
        byte[] bulk = new EIndkomstGenerator(CaseSystem.KY, "AGEN000000000001", 2000).readAllBytes();
        EIndkomstGenerator single = new EIndkomstGenerator(CaseSystem.KY, "AGEN000000000001", 2000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = single.read()) != -1; ) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(bulk);
    }

    @Test
    void refusesImpossibleSizes() {
        assertThatThrownBy(() -> new EIndkomstGenerator(CaseSystem.KY, "AGEN000000000001", 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
