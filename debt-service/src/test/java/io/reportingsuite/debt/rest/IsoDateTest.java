package io.reportingsuite.debt.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** BalanceResource's closingDate reading, which replaces LocalDate.parse in the sync path (plain JUnit). */
class IsoDateTest {

    @Test
    void closingDatesAreReadAsLocalDateParseReadsThem() {
        for (String date : new String[] {"2026-12-02", "2024-02-29", "0001-01-01", "9999-12-31"}) {
            assertThat(BalanceResource.isoDate(date)).isEqualTo(LocalDate.parse(date));
        }
        for (String bad : new String[] {"2026-02-30", "2025-02-29", "2026-13-01", "2026-1-01", "2026/12/02",
                "20261202", "2026-12-0x", ""}) {
            assertThatThrownBy(() -> BalanceResource.isoDate(bad)).as(bad).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> LocalDate.parse(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }
}
