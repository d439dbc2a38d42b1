package io.reportingsuite.contracts.ident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CprTest {

    @ParameterizedTest
    @CsvSource({
        "0102311234, VALID",              // 1931, serial 1
        "2902004000, VALID",              // 29 Feb 2000: serial 4, yy 00 -> 2000 (leap)
        "0101385000, VALID",              // serial 5, yy 38 -> 2038
        "0101585000, VALID",              // serial 5, yy 58 -> 1858
        "0101379000, VALID",              // serial 9, yy 37 -> 1937
        "0101010000, VALID",              // no modulus 11 needed (post-2007 style)
        "8605010001, VALID_CONSTRUCTED",  // SPEC example: born 26.5.2001, day + 60
        "6105012222, VALID_CONSTRUCTED",
        "9101011111, VALID_CONSTRUCTED",
        "2902011234, INVALID_DATE",       // 1901 is no leap year
        "2902964000, VALID",              // serial 4, yy 96 -> 1996 leap year
        "2902974000, INVALID_DATE",
        "3204011234, INVALID_DATE",
        "0013011234, INVALID_DATE",
        "0001011234, INVALID_DATE",
        "9201011234, INVALID_DATE",       // 92 - 60 = 32
        "6002011234, INVALID_DATE",       // 60 - 60 = 0
        "010101123X, NOT_DIGITS",
        "010101123, WRONG_LENGTH",
        "01010112345, WRONG_LENGTH"
    })
    void checksLengthDigitsAndCalendar(String cpr, Cpr.Reason expected) {
        assertThat(Cpr.check(cpr)).isEqualTo(expected);
        assertThat(Cpr.isValid(cpr)).isEqualTo(expected.isValid());
    }

    @ParameterizedTest
    @CsvSource({"0707614285, true", "0101010000, false", "07076142X5, false", "123, false"})
    void legacyModulus11IsASeparateHelper(String cpr, boolean passes) {
        assertThat(Cpr.passesLegacyModulus11(cpr)).isEqualTo(passes);
    }

    @ParameterizedTest
    @CsvSource({"3, 00, 1900", "4, 36, 2000", "4, 37, 1900", "9, 36, 2000", "9, 99, 1900", "5, 57, 2000",
        "8, 58, 1800"})
    void centuryRule(int serial1, int yy, int century) {
        assertThat(Cpr.century(yy, serial1)).isEqualTo(century);
    }
}
