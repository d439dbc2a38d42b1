package io.reportingsuite.contracts.ident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnterpriseNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"0566.988.259", "0566988259", "BE0566988259", "be 0566 988 259", " BE 0566.988.259 ",
            "1000.000.021"})
    void acceptsTheSpecExampleInEveryNotationAndTheOneSeries(String input) {
        assertThat(EnterpriseNumber.check(input)).isEmpty();
        assertThat(EnterpriseNumber.isValid(input)).isTrue();
    }

    @Test
    void normalisesAndFormats() {
        EnterpriseNumber number = EnterpriseNumber.parse("BE 0566 988 259");
        assertThat(number.digits()).isEqualTo("0566988259");
        assertThat(number.formatted()).isEqualTo("0566.988.259");
        assertThat(number).isEqualTo(EnterpriseNumber.parse("0566.988.259"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "NULL, EMPTY",
            "'  ', EMPTY",
            "0566.988.25X, NOT_NUMERIC",
            "566.988.259, WRONG_LENGTH",
            "2566.988.259, WRONG_FIRST_DIGIT",
            "0566.988.258, CHECK_DIGITS"})
    void namesTheProblem(String input, IdentifierProblem expected) {
        assertThat(EnterpriseNumber.check(input)).contains(expected);
    }

    @Test
    void exceptionNamesTheProblemButNotTheNumber() {
        assertThatThrownBy(() -> EnterpriseNumber.parse("0566.988.258"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("The enterprise number has check digits that do not match.")
                .hasMessageNotContaining("0566")
                .extracting(e -> ((InvalidIdentifierException) e).problem())
                .isEqualTo(IdentifierProblem.CHECK_DIGITS);
    }
}
