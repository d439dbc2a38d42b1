package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-type record counts of a validation: known types, unknown ones, and nothing for types not seen. */
class RecordTypeCountsTest {

    @Test
    void countsEveryTypeSeenKnownOrNot() {
        RecordTypeCounts counts = new RecordTypeCounts();
        for (int type : new int[] {1000, 2101, 2101, 6000, 9999, 7777, 7777, 0, 2101}) {
            counts.add(type);
        }
        assertThat(counts.toMap()).isEqualTo(Map.of("1000", 1L, "2101", 3L, "6000", 1L, "9999", 1L, "7777", 2L,
                "0000", 1L));
    }

    @Test
    void nothingSeenIsEmpty() {
        assertThat(new RecordTypeCounts().toMap()).isEmpty();
    }

    @Test
    void everyKnownLayoutHasItsOwnCounter() {
        RecordTypeCounts counts = new RecordTypeCounts();
        RecordLayouts.all().keySet().forEach(type -> counts.add(Integer.parseInt(type)));
        assertThat(counts.toMap()).hasSize(RecordLayouts.all().size()).allSatisfy((type, n) -> assertThat(n)
                .isEqualTo(1L));
    }
}
