package io.reportingsuite.contracts.retur;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReturFilesTest {

    private static final String ID = "A202500000000001";

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pad(String s, int n) {
        return (s + " ".repeat(n)).substring(0, n);
    }

    @Test
    void platformFejladviseringIsByteExact() {
        Fejladvisering advice = Fejladvisering.platform(ID, PlatformFejl.MQ_UNAVAILABLE, "20250201", "083000",
                "29800014");
        String expected = "0001" + ID + "20250201" + "083000" + "29800014" + pad("KOMBIT_KY", 20) + "*\r\n"
                + "0002" + "0000000" + "00" + " ".repeat(16) + " ".repeat(8) + "9001"
                + pad(PlatformFejl.MQ_UNAVAILABLE.fejltekst(), 80) + " ".repeat(18) + "\r\n"
                + "9999" + "0000003" + "\r\n";
        assertThat(advice.render()).isEqualTo(latin1(expected));
        assertThat(Fejladvisering.parse(latin1(expected))).isEqualTo(advice);
    }

    @Test
    void platformAdviceDerivesEdbSystemFromPrefixAndRefusesUnknownPrefix() {
        Fejladvisering ksd = Fejladvisering.platform("B202500000000001", PlatformFejl.INTERNAL_ERROR, null, null,
                null);
        assertThat(ksd.start().edbSystem()).isEqualTo("KOMBIT_KSD");
        assertThat(ksd.start().status()).isEqualTo('*');
        assertThat(ksd.fejl()).singleElement().satisfies(f -> assertThat(f.fejlnr()).isEqualTo(9002));
        assertThat(Fejladvisering.parse(ksd.render())).isEqualTo(ksd);
        assertThatThrownBy(() -> Fejladvisering.platform("C202500000000001", PlatformFejl.INTERNAL_ERROR, null,
                null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(PlatformFejl.class)
    void platformErrorsAreNumberedAndFitTheField(PlatformFejl error) {
        assertThat(error.fejlnr()).isBetween(9001, 9004);
        assertThat(error.fejltekst()).hasSizeLessThanOrEqualTo(80);
        assertThat(latin1(error.fejltekst())).hasSize(error.fejltekst().length());
    }

    @Test
    void skatFejladviseringRoundTripsBothWays() {
        Fejladvisering advice = new Fejladvisering(
                new Startrecord(ID, "20250201", "083000", "29800014", "KOMBIT_KY", 'D'),
                List.of(new Fejlrecord(17, 3, "G202501000000001", "31500028", 1234, "Ugyldigt CPR-nummer (Ærø)",
                                "0102311234", ""),
                        new Fejlrecord(18, 12, "", "", 55, "Advis", "", "31500036")));
        byte[] bytes = advice.render();
        assertThat(Fejladvisering.parse(bytes)).isEqualTo(advice);
        assertThat(Fejladvisering.parse(bytes).render()).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).endsWith("99990000004\r\n")
                .doesNotContain("\r\n\r\n");
        assertThat(advice.fejl().get(0).toString()).doesNotContain("0102311234");
    }

    @Test
    void sumkvitteringRoundTripsBothWays() {
        Sumkvittering receipt = new Sumkvittering(
                new Startrecord(ID, "20250201", "083000", "29800014", "KOMBIT_KY", 'M'),
                List.of(new Sumrecord("31500028", "G202501000000001", "20250101", "20250131", 14, 2, 2_100_000,
                                '+', "KOMBIT_KY"),
                        new Sumrecord("31500028", "G202501000000001", "20250101", "20250131", 15, 2, 1_000, '-',
                                "KOMBIT_KY")));
        byte[] bytes = receipt.render();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text.split("\r\n")[1]).isEqualTo("7100" + "31500028" + "G202501000000001" + "20250101"
                + "20250131" + "0014" + "0000002" + "00000002100000" + "+" + pad("KOMBIT_KY", 20));
        assertThat(Sumkvittering.parse(bytes)).isEqualTo(receipt);
        assertThat(Sumkvittering.parse(bytes).render()).isEqualTo(bytes);
        assertThat(receipt.sums().get(1).signedOere()).isEqualTo(-1_000);
    }

    @Test
    void parseIsStrictSoThatRenderingReproducesTheInput() {
        byte[] good = Fejladvisering.platform(ID, PlatformFejl.MQ_UNAVAILABLE, null, null, null).render();
        String text = new String(good, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Fejladvisering.parse(latin1(text.substring(0, text.length() - 2))))
                .hasMessageContaining("must end with CR/LF");
        assertThatThrownBy(() -> Fejladvisering.parse(latin1(text + "\r\n")))
                .isInstanceOf(ReturFormatException.class);
        assertThatThrownBy(() -> Fejladvisering.parse(latin1(text.replace("0000003", "0000004"))))
                .hasMessageContaining("Antal_Records");
        assertThatThrownBy(() -> Fejladvisering.parse(latin1(text.replaceFirst("\r\n", "\n"))))
                .isInstanceOf(ReturFormatException.class);
        assertThatThrownBy(() -> Fejladvisering.parse(latin1(text.replace("*\r\n", "* \r\n"))))
                .hasMessageContaining("63 characters");
        assertThatThrownBy(() -> Sumkvittering.parse(good)).hasMessageContaining("Expected a 7100 record")
                .extracting(e -> ((ReturFormatException) e).line()).isEqualTo(2L);
        assertThatThrownBy(() -> Fejladvisering.parse(latin1(text.replace("9001", "90x1"))))
                .hasMessageContaining("field 6 (Fejlnr) is not numeric");
    }

    @Test
    void modelRefusesValuesThatWouldNotRenderBack() {
        assertThatThrownBy(() -> new Startrecord(ID, "2025", null, null, null, 'M'))
                .hasMessageContaining("Dato_sendt");
        assertThatThrownBy(() -> new Startrecord(ID, null, null, null, "KOMBIT_KY ", 'M'))
                .hasMessageContaining("Edb-system");
        assertThatThrownBy(() -> new Startrecord(ID, null, null, null, null, 'X')).hasMessageContaining("Status");
        assertThatThrownBy(() -> new Sumrecord("31500028", "", "", "", 14, 1, 1, '?', ""))
                .hasMessageContaining("Fortegn");
    }

    @Test
    void fileNamesFollowTheReturnRule() {
        LocalDateTime at = LocalDateTime.of(2025, 2, 3, 4, 5, 6, 789_000_000);
        assertThat(ReturFileName.of(ID, ReturFileName.Type.SUMKVIT, at))
                .isEqualTo("A202500000000001_SUMKVIT_20250203040506789.txt");
        assertThat(ReturFileName.of("B202500000000001", ReturFileName.Type.FEJLADV, at))
                .isEqualTo("B202500000000001_FEJLADV_20250203040506789.txt");
        assertThatThrownBy(() -> ReturFileName.of("A2025", ReturFileName.Type.FEJLADV, at))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
