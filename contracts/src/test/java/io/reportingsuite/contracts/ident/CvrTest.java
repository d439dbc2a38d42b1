package io.reportingsuite.contracts.ident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CvrTest {

    @ParameterizedTest
    @CsvSource({
        "13748136, VALID",
        "29800014, VALID",
        "31500028, VALID",
        "13748137, CHECKSUM",
        "03748136, LEADING_ZERO",
        "1374813X, NOT_DIGITS",
        "1374813, WRONG_LENGTH",
        "137481360, WRONG_LENGTH"
    })
    void checksModulus11(String number, Cvr.Reason expected) {
        assertThat(Cvr.check(number)).isEqualTo(expected);
        assertThat(Cvr.isValid(number)).isEqualTo(expected.isValid());
    }

    @Test
    void computesCheckDigitOrNoneWhenImpossible() {
        assertThat(Cvr.withCheckDigit("1374813")).isEqualTo("13748136");
        assertThat(Cvr.withCheckDigit("2980001")).isEqualTo("29800014");
        // Remainder 1 has no check digit: some running numbers are never issued.
        long impossible = IntStream.range(1_000_000, 1_000_020)
                .mapToObj(Integer::toString).filter(s -> Cvr.withCheckDigit(s) == null).count();
        assertThat(impossible).isPositive();
        assertThatThrownBy(() -> Cvr.withCheckDigit("12")).isInstanceOf(IllegalArgumentException.class);
    }
}
