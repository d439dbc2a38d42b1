package io.reportingsuite.contracts.skattekort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reportingsuite.contracts.finding.Finding;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkattekortXmlTest {

    private static final String CPR = "0101011234";
    private static final String NS = SkattekortXml.NAMESPACE;

    private final SkattekortWriter writer = new SkattekortWriter();
    private final SkattekortReader reader = new SkattekortReader();

    static Skattekort hovedkort(String cpr, int loebenummer) {
        return new Skattekort(cpr, "12345678", 2025, KortType.HOVEDKORT, LocalDate.of(2025, 1, 1),
                new BigDecimal("37.00"), null, new BigDecimal("4575.00"), new BigDecimal("2111.00"),
                new BigDecimal("1056.00"), new BigDecimal("150.00"), null, loebenummer);
    }

    static Skattekort frikort(String cpr) {
        return new Skattekort(cpr, "12345678", 2025, KortType.FRIKORT, LocalDate.of(2025, 3, 1),
                new BigDecimal("38.50"), new BigDecimal("40.00"), null, null, null, null,
                new BigDecimal("52000.00"), 1);
    }

    static Skattekort bikort(String cpr) {
        return new Skattekort(cpr, "12345678", 2025, KortType.BIKORT, LocalDate.of(2025, 1, 1),
                new BigDecimal("41.00"), null, null, null, null, null, null, 2);
    }

    @Test
    void forsendelse_round_trips_and_is_valid_against_the_xsd() throws Exception {
        SkattekortForsendelse original = new SkattekortForsendelse(
                List.of(hovedkort(CPR, 3), frikort("0202024321"), bikort("1503991111")));

        byte[] xml = writer.write(original);
        SkattekortXml.schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        SkattekortReadResult read = reader.read(xml);

        assertThat(read.findings()).isEmpty();
        assertThat(read.forsendelse()).isEqualTo(original);
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("<SkattekortForsendelse xmlns=\"" + NS + "\">")
                .contains("<FrikortBeloeb>52000.00</FrikortBeloeb>");
    }

    @Test
    void single_skattekort_document_round_trips() throws Exception {
        byte[] xml = writer.write(hovedkort(CPR, 1));
        SkattekortXml.schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));

        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<Skattekort xmlns=\"" + NS + "\">");
        assertThat(reader.read(xml).skattekort()).containsExactly(hovedkort(CPR, 1));
    }

    @Test
    void hand_written_document_with_whitespace_and_prefix_is_read() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <sk:SkattekortForsendelse xmlns:sk="urn:kombit:sf0770b:skattekort:1">
                  <sk:Skattekort>
                    <sk:CPRNummer>0101011234</sk:CPRNummer>
                    <sk:AbonnentSENummer>12345678</sk:AbonnentSENummer>
                    <sk:Skatteaar>2025</sk:Skatteaar>
                    <sk:KortType> 4 </sk:KortType>
                    <sk:AnvendesFraDato>2025-01-01</sk:AnvendesFraDato>
                    <sk:Traekprocent>41</sk:Traekprocent>
                    <sk:SkattekortLoebenummer>2</sk:SkattekortLoebenummer>
                  </sk:Skattekort>
                </sk:SkattekortForsendelse>
                """;
        SkattekortReadResult read = reader.read(bytes(xml));

        assertThat(read.findings()).isEmpty();
        assertThat(read.skattekort()).singleElement().satisfies(k -> {
            assertThat(k.kortType()).isEqualTo(KortType.BIKORT);
            assertThat(k.traekprocent()).isEqualByComparingTo("41.00");
            assertThat(k.skattekortLoebenummer()).isEqualTo(2);
        });
    }

    @Test
    void doctype_is_refused_and_external_entity_is_never_read(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "9999999999");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + document(card(CPR, "2", "<Traekprocent>&xxe;</Traekprocent>"));

        SkattekortReadResult read = reader.read(bytes(xml));

        assertThat(read.hasErrors()).isTrue();
        assertThat(read.skattekort()).isEmpty();
        assertThat(read.findings()).extracting(Finding::rule).containsExactly(SkattekortReader.RULE_DTD);
        assertThat(read.findings().get(0).line()).isEqualTo(2);
        assertNoValueLeaks(read, "9999999999");
    }

    @Test
    void entity_expansion_bomb_is_refused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;\">]><SkattekortForsendelse xmlns=\"" + NS + "\">&c;</SkattekortForsendelse>";

        assertThat(reader.read(bytes(xml)).findings()).extracting(Finding::rule)
                .containsExactly(SkattekortReader.RULE_DTD);
    }

    @Test
    void undeclared_entity_without_doctype_is_not_well_formed() {
        String xml = document(card(CPR, "2", "<Traekprocent>&xxe;</Traekprocent>"));

        assertThat(reader.read(bytes(xml)).findings()).extracting(Finding::rule)
                .containsExactly(SkattekortReader.RULE_XML);
    }

    @Test
    void broken_xml_is_a_finding_with_its_line() {
        SkattekortReadResult read = reader.read(bytes("<SkattekortForsendelse xmlns=\"" + NS + "\">\n<Skattekort>\n</Skat"));

        assertThat(read.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(SkattekortReader.RULE_XML);
            assertThat(f.line()).isEqualTo(3);
        });
    }

    @Test
    void wrong_namespace_is_a_schema_finding() {
        String xml = "<SkattekortForsendelse xmlns=\"urn:other\"><Skattekort/></SkattekortForsendelse>";

        assertThat(reader.read(bytes(xml)).findings()).first().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(SkattekortReader.RULE_XSD);
            assertThat(f.message()).contains("root element");
        });
    }

    @Test
    void schema_findings_name_line_and_element_but_never_the_value() {
        String xml = document(
                card("01010112", "2", "<Traekprocent>37.00</Traekprocent>") + "\n"
                        + card(CPR, "9", "<Traekprocent>137.123</Traekprocent>"));

        SkattekortReadResult read = reader.read(bytes(xml));

        assertThat(read.findings()).extracting(Finding::rule).containsOnly(SkattekortReader.RULE_XSD);
        assertThat(read.findings()).extracting(Finding::fieldName)
                .contains(SkattekortXml.CPR_NUMMER, SkattekortXml.KORT_TYPE, SkattekortXml.TRAEKPROCENT);
        assertThat(read.findings()).extracting(Finding::line).contains(1L, 2L);
        assertNoValueLeaks(read, "01010112", "137.123");
    }

    @Test
    void missing_required_element_is_a_schema_finding() {
        String xml = document("<Skattekort><CPRNummer>" + CPR + "</CPRNummer></Skattekort>");

        assertThat(reader.read(bytes(xml)).findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(SkattekortReader.RULE_XSD);
            assertThat(f.message()).contains("required element is missing");
        });
    }

    @Test
    void cross_field_rules_of_spec_3_9() {
        String xml = document(
                card("3201011234", "4", "<Traekprocent>41.00</Traekprocent><FradragMaaned>100.00</FradragMaaned>")
                        + card(CPR, "2", "<Traekprocent>37.00</Traekprocent><TraekprocentParagraf17>40.00</TraekprocentParagraf17>"
                        + "<FrikortBeloeb>10.00</FrikortBeloeb>"));

        SkattekortReadResult read = reader.read(bytes(xml));

        assertThat(read.findings()).extracting(Finding::rule).containsExactly(
                SkattekortReader.RULE_CPR, SkattekortReader.RULE_FRADRAG,
                SkattekortReader.RULE_FRIKORT, SkattekortReader.RULE_P17);
        assertThat(read.skattekort()).isEmpty();
        assertThatThrownBy(read::forsendelse).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SK-CPR").hasMessageNotContaining("3201011234");
        assertNoValueLeaks(read, "3201011234");
    }

    @Test
    void size_limit_and_empty_input() {
        byte[] xml = writer.write(new SkattekortForsendelse(List.of(hovedkort(CPR, 1))));

        assertThat(new SkattekortReader(xml.length - 1).read(xml).findings()).extracting(Finding::rule)
                .containsExactly(SkattekortReader.RULE_SIZE);
        assertThat(new SkattekortReader(xml.length).read(xml).hasErrors()).isFalse();
        assertThat(reader.read(new byte[0]).findings()).extracting(Finding::rule)
                .containsExactly(SkattekortReader.RULE_XML);
    }

    @Test
    void to_string_hides_the_cpr() {
        assertThat(hovedkort(CPR, 1).toString()).doesNotContain(CPR).contains("HOVEDKORT");
    }

    private static void assertNoValueLeaks(SkattekortReadResult read, String... values) {
        for (Finding f : read.findings()) {
            for (String v : values) {
                assertThat(f.format()).doesNotContain(v);
            }
        }
    }

    private static String card(String cpr, String kortType, String rest) {
        return "<Skattekort><CPRNummer>" + cpr + "</CPRNummer><AbonnentSENummer>12345678</AbonnentSENummer>"
                + "<Skatteaar>2025</Skatteaar><KortType>" + kortType + "</KortType>"
                + "<AnvendesFraDato>2025-01-01</AnvendesFraDato>" + rest
                + "<SkattekortLoebenummer>1</SkattekortLoebenummer></Skattekort>";
    }

    private static String document(String cards) {
        return "<SkattekortForsendelse xmlns=\"" + NS + "\">" + cards + "</SkattekortForsendelse>";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
