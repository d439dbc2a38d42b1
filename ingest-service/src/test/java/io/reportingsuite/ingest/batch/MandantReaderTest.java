package io.reportingsuite.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/** Reading the mandant from FI content, and refusing hostile XML (plain JUnit). */
class MandantReaderTest {

    private static ByteArrayInputStream xml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDebtQueryNamesItsMandantInRequestInformation() throws Exception {
        assertThat(MandantReader.debtQuery(xml("<b:BatchRequest xmlns:b=\"urn:x\"><b:RequestInformation>"
                + "<b:Consumer><b:CompanyID> 0100000169 </b:CompanyID></b:Consumer></b:RequestInformation>"
                + "<b:RequestDetail><b:CompanyID>0200000241</b:CompanyID></b:RequestDetail></b:BatchRequest>")))
                .contains("0100000169");
    }

    @Test
    void aCompanyIdElsewhereIsNotTheMandant() throws Exception {
        assertThat(MandantReader.debtQuery(xml("<BatchRequest><RequestInformation><Other><CompanyID>0100000169"
                + "</CompanyID></Other></RequestInformation><RequestDetail><Consumer><CompanyID>0200000241"
                + "</CompanyID></Consumer></RequestDetail></BatchRequest>"))).isEmpty();
    }

    @Test
    void passThroughTakesTheFirstElementOfTheName() throws Exception {
        assertThat(MandantReader.firstElement(xml("<Fla><Employer><Nr>1</Nr><CompanyID>0100000169</CompanyID>"
                + "</Employer><CompanyID>0200000241</CompanyID></Fla>"), "CompanyID")).contains("0100000169");
        assertThat(MandantReader.firstElement(xml("<Fla/>"), "CompanyID")).isEmpty();
    }

    @Test
    void dtdsAndExternalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<r><RequestInformation><Consumer><CompanyID>&x;</CompanyID></Consumer></RequestInformation></r>";
        assertThatThrownBy(() -> MandantReader.debtQuery(xml(xxe))).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> MandantReader.firstElement(xml(xxe), "CompanyID"))
                .isInstanceOf(XMLStreamException.class);
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<r><CompanyID>&b;</CompanyID></r>";
        assertThatThrownBy(() -> MandantReader.firstElement(xml(bomb), "CompanyID"))
                .isInstanceOf(XMLStreamException.class);
    }

    @Test
    void contentThatIsNotXmlIsRefused() {
        assertThatThrownBy(() -> MandantReader.firstElement(xml("1000;0100000169;8\r\n"), "CompanyID"))
                .isInstanceOf(XMLStreamException.class);
    }
}
