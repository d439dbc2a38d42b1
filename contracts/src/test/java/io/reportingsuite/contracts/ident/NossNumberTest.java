package io.reportingsuite.contracts.ident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NossNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1000, 6", "1999999, 34", "50000001, 20", "59999999, 89", "1254824, 97"})
    void checkDigitsMatchTheSpecExamples(long runningNumber, int expected) {
        assertThat(NossNumber.checkDigits(runningNumber)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "100006, 000100006, DEFINITIVE",
            "000100006, 000100006, DEFINITIVE",
            "199999934, 199999934, DEFINITIVE",
            "125482497, 125482497, DEFINITIVE",
            "1254824-97, 125482497, DEFINITIVE",
            "5000000120, 5000000120, PROVISIONAL",
            "5999999989, 5999999989, PROVISIONAL"})
    void acceptsRangeEndsInBothForms(String input, String digits, NossNumber.Kind kind) {
        NossNumber number = NossNumber.parse(input);
        assertThat(number.digits()).isEqualTo(digits);
        assertThat(number.kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "NULL, EMPTY",
            "12345678A, NOT_NUMERIC",
            "12, WRONG_LENGTH",
            "12345678901, WRONG_LENGTH",
            "1999999934, WRONG_FIRST_DIGIT",
            "99997, WRONG_LENGTH",
            "099997, OUT_OF_RANGE",
            "200000067, OUT_OF_RANGE",
            "5000000021, OUT_OF_RANGE",
            "125482496, CHECK_DIGITS",
            "5000000121, CHECK_DIGITS"})
    void namesTheProblem(String input, IdentifierProblem expected) {
        assertThat(NossNumber.check(input)).contains(expected);
        assertThat(NossNumber.isValid(input)).isFalse();
    }

    @Test
    void everyRunningNumberHasExactlyOneValidCheck() {
        for (long n = 1000; n < 1300; n++) {
            long valid = n * 100 + NossNumber.checkDigits(n);
            assertThat(NossNumber.isValid(Long.toString(valid))).isTrue();
            assertThat(valid % 97).isEqualTo(96);
        }
    }

    @Test
    void exceptionDoesNotEchoTheNumber() {
        assertThatThrownBy(() -> NossNumber.parse("125482496"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("The NOSS registration number has check digits that do not match.");
    }
}
