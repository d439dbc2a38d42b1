package io.reportingsuite.debt.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** LedgerRepository's text[] literals, which replace the driver's arrays in the sync path (plain JUnit). */
class ArrayLiteralTest {

    @Test
    void arrayLiteralsQuoteEscapeAndKeepNulls() {
        assertThat(LedgerRepository.textArray(new String[] {"C", null, "0417497106"}))
                .isEqualTo("{\"C\",NULL,\"0417497106\"}");
        assertThat(LedgerRepository.textArray(new String[] {"a\"b\\c", "NULL"}))
                .isEqualTo("{\"a\\\"b\\\\c\",\"NULL\"}");
        assertThat(LedgerRepository.textArray(new String[0])).isEqualTo("{}");
    }
}
