package io.reportingsuite.contracts.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceAllocatorTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 9);

    @Test
    void startsAtOneAndCountsPastTheHighest() {
        assertThat(SequenceAllocator.next(Set.of())).isEqualTo("00001");
        assertThat(SequenceAllocator.next(Set.of("00001", "00009"))).isEqualTo("00010");
        assertThat(SequenceAllocator.next(Set.of("00049"))).isEqualTo("00050");
    }

    @Test
    void continuesAlphanumericallyWhenDigitsRunOut() {
        assertThat(SequenceAllocator.next(Set.of("99999"))).isEqualTo("9999A");
        assertThat(SequenceAllocator.next(Set.of("99999", "9999Z"))).isEqualTo("999A0");
        assertThat(SequenceAllocator.next(Set.of("00001", "24AZG"))).isEqualTo("24AZH");
        assertThatThrownBy(() -> SequenceAllocator.next(Set.of("ZZZZZ"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void countsOnlyTheSameSenderDateAndEnvironment() {
        List<BatchFileName> used = List.of(
                BatchFileName.fi("DMFA", "112768", DAY, "00014", Environment.R, 1, 1),
                BatchFileName.fi("DMFA", "112768", DAY, "00020", Environment.T),
                BatchFileName.fi("DMFA", "112768", DAY.minusDays(1), "00030", Environment.R),
                BatchFileName.fi("DMFA", "006400", DAY, "00040", Environment.R));
        assertThat(SequenceAllocator.next(used, "112768", DAY, Environment.R)).isEqualTo("00015");
        assertThat(SequenceAllocator.next(used, "112768", DAY, Environment.T)).isEqualTo("00021");
    }
}
