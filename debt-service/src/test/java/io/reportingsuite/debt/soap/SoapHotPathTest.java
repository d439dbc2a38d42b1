package io.reportingsuite.debt.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reportingsuite.debt.support.Soap;
import java.io.StringReader;
import java.util.concurrent.CompletableFuture;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/** The reused validator handlers of {@link SoapHotPath}: the same verdicts as a fresh handler, one per thread. */
class SoapHotPathTest {

    private static final String VALID = payload("PUBLIC_PROCUREMENT", "0203430576");
    private static final String INVALID = payload("NO_SUCH_CONTEXT", "0203430576");

    @Test
    void aReusedHandlerGivesTheVerdictsOfAFreshOneDocumentAfterDocument() throws Exception {
        Schema xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(SoapHotPathTest.class.getClassLoader().getResource("wsdl/EmployerAccountBalance.xsd"));
        SoapHotPath.ReusedValidatorHandlers reused = new SoapHotPath.ReusedValidatorHandlers(xsd);

        String expected = refusal(xsd.newValidatorHandler(), INVALID);
        assertThat(expected).startsWith("cvc-");

        ValidatorHandler first = reused.newValidatorHandler();
        assertThat(refusal(first, INVALID)).isEqualTo(expected);
        // The same handler again on this thread, after a document it refused half-way: a valid one passes ...
        assertThat(reused.newValidatorHandler()).isSameAs(first);
        validate(first, VALID);
        // ... and an invalid one is refused with the same text as by a fresh handler.
        assertThat(refusal(reused.newValidatorHandler(), INVALID)).isEqualTo(expected);
        validate(reused.newValidatorHandler(), VALID);

        ValidatorHandler other = CompletableFuture.supplyAsync(reused::newValidatorHandler).get();
        assertThat(other).isNotSameAs(first);

        for (int i = 4; i < SoapHotPath.ReusedValidatorHandlers.USES; i++) {
            assertThat(reused.newValidatorHandler()).isSameAs(first);
        }
        assertThat(reused.newValidatorHandler()).as("renewed after %d documents",
                SoapHotPath.ReusedValidatorHandlers.USES).isNotSameAs(first);
    }

    private static String payload(String legalContext, String companyId) {
        String envelope = Soap.request(legalContext, Soap.detail("CompanyID", companyId, "2026-12-02"));
        String body = envelope.substring(envelope.indexOf("<eab:EmployerAccountBalance>"),
                envelope.indexOf("</soapenv:Body>"));
        return body.replace("<eab:EmployerAccountBalance>",
                "<eab:EmployerAccountBalance xmlns:eab=\"http://socialsecurity.be/xml/ns/accountbalance\">");
    }

    private static void validate(ValidatorHandler handler, String xml) throws Exception {
        handler.setErrorHandler(null);
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        XMLReader reader = factory.newSAXParser().getXMLReader();
        reader.setContentHandler(handler);
        reader.parse(new InputSource(new StringReader(xml)));
    }

    private static String refusal(ValidatorHandler handler, String xml) {
        Throwable[] refused = new Throwable[1];
        assertThatThrownBy(() -> validate(handler, xml)).isInstanceOf(SAXParseException.class)
                .satisfies(e -> refused[0] = e);
        return refused[0].getMessage();
    }
}
