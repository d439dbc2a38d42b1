package io.reportingsuite.devstack.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Hostile XML against one SOAP endpoint (issue 14, ARCHITECTURE §6 "every bad input refused precisely"), asserted
 * the same way for every endpoint: an external entity (XXE), entity expansion ("billion laughs"), deep nesting,
 * a huge attribute, many attributes, huge base64 text, an unknown operation namespace and a body that is not
 * XML. Each is answered with a SOAP fault (HTTP 500 with a {@code Fault} element) or a 4xx — never another
 * 5xx, never the content of a local file, never a hang — and the endpoint still answers a valid request
 * afterwards. A service's test extends it and names its endpoint, a valid envelope and its credentials.
 */
public abstract class SoapAttacksContract {

    /** Request path of the endpoint, e.g. {@code /soap/EmployerAccountBalance}. */
    protected abstract String soapPath();

    /** A complete valid SOAP 1.1 envelope for the endpoint. */
    protected abstract String validEnvelope();

    /** The HTTP status the valid envelope gets (200 for an answer; a service may answer a valid call otherwise). */
    protected int validStatus() {
        return 200;
    }

    /** Adds the caller's credentials (e.g. preemptive Basic) to a request. */
    protected abstract RequestSpecification authenticated(RequestSpecification request);

    /** The envelope's Body content is replaced by {@code body}; namespaces of the valid envelope stay. */
    private String withBody(String body) {
        String valid = validEnvelope();
        int open = valid.indexOf("Body>") + "Body>".length();
        int close = valid.lastIndexOf("</");
        close = valid.lastIndexOf("</", close - 1);
        return valid.substring(0, open) + body + valid.substring(close);
    }

    private Response post(String xml) {
        // Bytes, not a String: RestAssured would otherwise parse and pretty-print the XML itself (and overflow its
        // stack on the deep nesting).
        return authenticated(io.restassured.RestAssured.given()).contentType("text/xml; charset=UTF-8")
                .body(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(soapPath());
    }

    private void assertRefused(String what, String xml) {
        Response response = post(xml);
        int status = response.statusCode();
        String body = response.asString();
        assertFalse(body.contains("root:x:0:0") || body.contains("/bin/bash"), what + ": no local file content");
        if (status >= 500) {
            assertEquals(500, status, what + ": a 5xx only as a SOAP fault");
            assertTrue(body.contains("Fault>"), what + ": a SOAP fault");
        } else {
            assertTrue(status >= 400 && status <= 499, what + ": refused, not " + status);
        }
        // Still serving.
        assertEquals(validStatus(), post(validEnvelope()).statusCode(), "valid request after " + what);
    }

    /** Some bodies may be parsed and answered (e.g. a fault for the unknown content): never a non-fault 5xx. */
    private void assertAnsweredOrFault(String what, Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            assertEquals(500, status, what + ": a 5xx only as a SOAP fault");
            assertTrue(response.asString().contains("Fault>"), what + ": a SOAP fault");
        }
        assertEquals(validStatus(), post(validEnvelope()).statusCode(), "valid request after " + what);
    }

    private String operationElement() {
        String valid = validEnvelope();
        int open = valid.indexOf("Body>") + "Body>".length();
        return valid.substring(open, valid.indexOf('>', open) + 1);
    }

    private String closeOperation() {
        String op = operationElement();
        int end = op.indexOf(' ') > 0 ? op.indexOf(' ') : op.length() - 1;
        return "</" + op.substring(1, end) + ">";
    }

    @Test
    void externalEntityIsRefused() {
        String valid = validEnvelope();
        assertRefused("XXE", "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + valid.replaceFirst("Body>", "Body>&xxe;"));
    }

    @Test
    void entityExpansionIsRefused() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        dtd.append("]>");
        assertRefused("billion laughs", dtd + withBody(operationElement() + "&lol9;" + closeOperation()));
    }

    @Test
    void deepNestingIsRefused() {
        int depth = 10_000;
        String nested = "<a>".repeat(depth) + "</a>".repeat(depth);
        assertRefused("deep nesting", withBody(nested));
    }

    @Test
    void hugeAttributeIsRefusedOrHandled() {
        String op = operationElement();
        String withAttribute = op.substring(0, op.length() - 1) + " junk=\"" + "A".repeat(2_000_000) + "\">"
                + closeOperation();
        Response response = post(withBody(withAttribute));
        assertAnsweredOrFault("huge attribute", response);
    }

    @Test
    void manyAttributesAreRefused() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            attributes.append(" a").append(i).append("=\"x\"");
        }
        String op = operationElement();
        assertRefused("many attributes", withBody(op.substring(0, op.length() - 1) + attributes + ">"
                + closeOperation()));
    }

    @Test
    void hugeBase64TextIsRefusedOrHandled() {
        Response response = post(withBody(operationElement() + "<x>" + "QUFB".repeat(2_000_000) + "</x>"
                + closeOperation()));
        assertAnsweredOrFault("huge base64", response);
    }

    @Test
    void unknownOperationNamespaceIsRefused() {
        assertRefused("wrong namespace", withBody("<op xmlns=\"urn:not-this-service\"><x>1</x></op>"));
    }

    @Test
    void notXmlIsRefused() {
        assertRefused("not XML", "this is { not xml");
        assertRefused("truncated", validEnvelope().substring(0, validEnvelope().length() / 2));
    }
}
