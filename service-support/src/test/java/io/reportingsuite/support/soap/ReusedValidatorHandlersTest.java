package io.reportingsuite.support.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * {@link ReusedValidatorHandlers} (what {@link SoapHotPath} installs on an endpoint): the same verdicts and
 * {@code cvc-…} texts as a fresh handler, document after document on one thread — also after documents refused
 * half-way by the schema or by the parser (hostile XML among them), whose state must not reach the next document —
 * one handler per thread, renewed after {@link ReusedValidatorHandlers#USES} documents. Its own schema
 * ({@code soap/hot-path-test.xsd}), parsed as CXF reads requests: namespace aware, no DTD.
 */
class ReusedValidatorHandlersTest {

    private static final String NS = "urn:reportingsuite:test:hot-path";
    private static final String VALID = document("A000000000000001", "QUFB",
            "<Item id=\"x1\" count=\"1\"/><Item id=\"x2\" count=\"2\"/>");
    private static final String ACCEPTED = "accepted";

    private static Schema xsd;

    @BeforeAll
    static void compile() throws SAXException {
        xsd = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(ReusedValidatorHandlersTest.class.getClassLoader().getResource("soap/hot-path-test.xsd"));
    }

    /** Documents a validator refuses, each at a different point of reading it; the key names the case. */
    private static Map<String, String> refused() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("id against its pattern", document("C000000000000001", "QUFB", ""));
        refused.put("payload not base64", document("A000000000000001", "!!not base64!!", ""));
        refused.put("count not an int", document("A000000000000001", "QUFB", "<Item id=\"x1\" count=\"many\"/>"));
        // The unique ids x1 and x2 are in the identity-constraint table when the unknown element ends the document:
        // the valid document (x1, x2 again) must not meet them.
        refused.put("unknown element after the items", document("A000000000000001", "QUFB",
                "<Item id=\"x1\" count=\"1\"/><Item id=\"x2\" count=\"2\"/><Unknown/>"));
        refused.put("duplicate item id", document("A000000000000001", "QUFB",
                "<Item id=\"x1\" count=\"1\"/><Item id=\"x1\" count=\"2\"/>"));
        refused.put("deep nesting", document("A000000000000001", "QUFB",
                "<Item id=\"x1\" count=\"1\"/>" + "<a>".repeat(10_000) + "</a>".repeat(10_000)));
        refused.put("huge base64 in an unknown element", document("A000000000000001", "QUFB",
                "<x>" + "QUFB".repeat(250_000) + "</x>"));
        // Refused by the parser, not the schema: the handler is left in the middle of the document (or before it).
        refused.put("truncated", VALID.substring(0, VALID.indexOf("<Item id=\"x2\"")));
        refused.put("XXE", "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + VALID.replace("QUFB", "&xxe;"));
        refused.put("not XML", "this is { not xml");
        return refused;
    }

    @Test
    void aReusedHandlerGivesTheVerdictsOfAFreshOneDocumentAfterDocument() {
        ReusedValidatorHandlers reused = new ReusedValidatorHandlers(xsd);
        ValidatorHandler first = reused.newValidatorHandler();
        assertThat(verdict(first, VALID)).isEqualTo(ACCEPTED);

        String invalid = refused().get("id against its pattern");
        String expected = verdict(xsd.newValidatorHandler(), invalid);
        assertThat(expected).startsWith("cvc-pattern-valid");
        // Accepted, then refused with the fresh handler's text, then accepted again: one handler all along.
        assertThat(verdict(reused.newValidatorHandler(), invalid)).isEqualTo(expected);
        assertThat(reused.newValidatorHandler()).isSameAs(first);
        assertThat(verdict(first, VALID)).isEqualTo(ACCEPTED);
        assertThat(verdict(reused.newValidatorHandler(), invalid)).isEqualTo(expected);
    }

    @Test
    void aDocumentRefusedHalfWayLeavesNothingForTheNextOneOnTheSameThread() {
        ReusedValidatorHandlers reused = new ReusedValidatorHandlers(xsd);
        ValidatorHandler handler = reused.newValidatorHandler();
        String invalid = refused().get("id against its pattern");
        String invalidVerdict = verdict(xsd.newValidatorHandler(), invalid);
        for (Map.Entry<String, String> refusedDocument : refused().entrySet()) {
            String what = refusedDocument.getKey();
            String fresh = verdict(xsd.newValidatorHandler(), refusedDocument.getValue());
            assertThat(fresh).as("%s is refused", what).isNotEqualTo(ACCEPTED);

            // refused → valid: accepted; valid → refused: the fresh handler's refusal; refused → refused likewise.
            assertThat(verdict(reused.newValidatorHandler(), refusedDocument.getValue())).as(what).isEqualTo(fresh);
            assertThat(verdict(reused.newValidatorHandler(), VALID)).as("valid after %s", what).isEqualTo(ACCEPTED);
            assertThat(verdict(reused.newValidatorHandler(), refusedDocument.getValue())).as("%s after a valid one",
                    what).isEqualTo(fresh);
            assertThat(verdict(reused.newValidatorHandler(), invalid)).as("invalid id after %s", what)
                    .isEqualTo(invalidVerdict);
            assertThat(verdict(reused.newValidatorHandler(), VALID)).as("valid after %s and an invalid id", what)
                    .isEqualTo(ACCEPTED);
        }
        assertThat(reused.newValidatorHandler()).as("one handler for all of it").isSameAs(handler);
    }

    @Test
    void eachThreadHasItsOwnHandlerRenewedAfterSomeDocuments() throws Exception {
        ReusedValidatorHandlers reused = new ReusedValidatorHandlers(xsd);
        ValidatorHandler first = reused.newValidatorHandler();

        ValidatorHandler other = CompletableFuture.supplyAsync(reused::newValidatorHandler).get();
        assertThat(other).isNotSameAs(first);
        // Two threads validating at once each get their own verdicts.
        CompletableFuture<String> elsewhere = CompletableFuture.supplyAsync(() -> {
            String verdict = ACCEPTED;
            for (int i = 0; i < 50 && verdict.equals(ACCEPTED); i++) {
                verdict = verdict(reused.newValidatorHandler(), VALID);
            }
            return verdict;
        });
        String invalid = refused().get("duplicate item id");
        String expected = verdict(xsd.newValidatorHandler(), invalid);
        for (int i = 0; i < 50; i++) {
            assertThat(verdict(reused.newValidatorHandler(), invalid)).isEqualTo(expected);
        }
        assertThat(elsewhere.get()).isEqualTo(ACCEPTED);

        // This thread has used its handler 51 times (the first call and 50 documents).
        for (int uses = 51; uses < ReusedValidatorHandlers.USES; uses++) {
            assertThat(reused.newValidatorHandler()).isSameAs(first);
        }
        ValidatorHandler renewed = reused.newValidatorHandler();
        assertThat(renewed).as("renewed after %d documents", ReusedValidatorHandlers.USES).isNotSameAs(first);
        assertThat(verdict(renewed, VALID)).isEqualTo(ACCEPTED);
        assertThat(reused.newValidator()).as("a Validator is the schema's own, new each time")
                .isNotSameAs(reused.newValidator());
    }

    private static String document(String id, String payload, String items) {
        return "<Submission xmlns=\"" + NS + "\"><Id>" + id + "</Id><Payload>" + payload + "</Payload>" + items
                + "</Submission>";
    }

    /** {@link #ACCEPTED} or the refusal's text; the handler's own error handler is the default (throw). */
    private static String verdict(ValidatorHandler handler, String xml) {
        try {
            handler.setErrorHandler(null);
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setContentHandler(handler);
            reader.setErrorHandler(new DefaultHandler()); // a fatal parse error is thrown, not printed as well
            reader.parse(new InputSource(new StringReader(xml)));
            return ACCEPTED;
        } catch (SAXException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
