package io.reportingsuite.debt.messaging;

import io.reportingsuite.debt.batch.BatchItem;
import io.reportingsuite.debt.config.DebtConfig;
import io.reportingsuite.debt.service.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads the batch channel's debt request: a {@code BatchRequest} document of contracts'
 * {@code wsdl/EmployerAccountBalance.xsd}. One streaming pass (SAX, no DOM): a hardened parser (no DOCTYPE,
 * so no DTD and no entity of any kind; no external access; secure processing; bounded depth) feeds the
 * schema's {@link ValidatorHandler}, which feeds the extraction. The first problem stops the read and is
 * reported with its line and column, the path of the element it is in ({@code /BatchRequest/RequestDetail/3/
 * EmployerId/CompanyID}, RequestDetail counted from 0) and the XSD rule, without the values the parser
 * quotes (an enterprise number of a sole trader identifies a person).
 */
@ApplicationScoped
public class XmlBatchReader {

    /** The namespace of {@code BatchRequest}. */
    public static final String NAMESPACE = "http://socialsecurity.be/xml/ns/accountbalance";
    static final String XSD = "wsdl/EmployerAccountBalance.xsd";
    private static final int MAX_DEPTH = 16;
    private static final int MAX_TEXT = 256;
    private static final Pattern QUOTED_VALUE = Pattern.compile("(?i)(value|literal)\\s+'[^']*'");
    private static final Pattern LEADING_VALUE = Pattern.compile("^(cvc-[a-zA-Z0-9.-]+: )'[^']*'");

    /** What the document asks, with the enterprise of its {@code RequestInformation/Consumer/CompanyID}. */
    public record Parsed(String legalContext, String closingDate, String consumerCompanyId, List<BatchItem> items) {
    }

    /** The document is not a valid BatchRequest; the refusal says where and why. */
    public static final class InvalidDocument extends Exception {
        private final transient Refusal refusal;

        InvalidDocument(Refusal refusal) {
            super(refusal.reason());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final Schema schema;
    private final SAXParserFactory parsers;
    private final int maxItems;

    @Inject
    public XmlBatchReader(DebtConfig config) {
        this(config.batch().maxItems());
    }

    XmlBatchReader(int maxItems) {
        this.maxItems = maxItems;
        try {
            SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            schemas.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            URL xsd = XmlBatchReader.class.getClassLoader().getResource(XSD);
            if (xsd == null) {
                throw new IllegalStateException(XSD + " is not on the class path");
            }
            try (InputStream in = xsd.openStream()) {
                schema = schemas.newSchema(new StreamSource(in, xsd.toExternalForm()));
            }
            parsers = SAXParserFactory.newInstance();
            parsers.setNamespaceAware(true);
            parsers.setXIncludeAware(false);
            parsers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            parsers.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            parsers.setFeature("http://xml.org/sax/features/external-general-entities", false);
            parsers.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            parsers.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new IllegalStateException("cannot set up the BatchRequest reader", e);
        }
    }

    /** Reads and validates the whole document; the items are in document order. */
    public Parsed read(byte[] document) throws InvalidDocument {
        PathFilter path = new PathFilter();
        Extractor extractor = new Extractor(path);
        try {
            SAXParser parser = parsers.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            XMLReader reader = parser.getXMLReader();
            ValidatorHandler validator = schema.newValidatorHandler();
            try {
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            } catch (SAXNotRecognizedException | SAXNotSupportedException ignored) {
                // the validator resolves nothing itself: the schema is compiled, the parser reads no DTD
            }
            validator.setErrorHandler(Throwing.INSTANCE);
            validator.setContentHandler(extractor);
            path.setParent(reader);
            path.setContentHandler(validator);
            path.setErrorHandler(Throwing.INSTANCE);
            path.parse(new InputSource(new ByteArrayInputStream(document)));
        } catch (SAXParseException e) {
            throw new InvalidDocument(new Refusal(path.path(), reason(e), positive(e.getLineNumber()),
                    positive(e.getColumnNumber()) == null ? null : Integer.toString(e.getColumnNumber())));
        } catch (SAXException e) {
            throw new InvalidDocument(new Refusal(path.path(), "The document cannot be read as XML: "
                    + sanitise(String.valueOf(e.getMessage())), null, null));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be configured", e);
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory document failed", e);
        }
        return new Parsed(extractor.legalContext, extractor.closingDate, extractor.consumerCompanyId,
                extractor.items);
    }

    private static Integer positive(int n) {
        return n > 0 ? n : null;
    }

    private static String reason(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof OwnRule) {
            return message;
        }
        if (message.contains("DOCTYPE")) {
            return "The document has a DOCTYPE declaration: DTDs and entities are not accepted.";
        }
        if (message.startsWith("cvc-")) {
            return "Not valid against EmployerAccountBalance.xsd: " + sanitise(message);
        }
        return "Not well-formed XML: " + sanitise(message);
    }

    static String sanitise(String text) {
        return QUOTED_VALUE.matcher(LEADING_VALUE.matcher(text).replaceFirst("$1'…'")).replaceAll("$1 '…'");
    }

    /** A problem this reader finds itself (not the parser's or the schema's). */
    private static final class OwnRule extends SAXParseException {
        OwnRule(String message, Locator locator) {
            super(message, locator);
        }
    }

    private enum Throwing implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException e) {
            // warnings do not refuse a document
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /**
     * Between the parser and the validator: knows the element path for every report, refuses a root other
     * than {@code BatchRequest} in its namespace and a document nested deeper than the schema allows.
     */
    private static final class PathFilter extends XMLFilterImpl {
        private final Deque<String> segments = new ArrayDeque<>();
        private Locator locator;
        private int details = -1;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            super.setDocumentLocator(locator);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (segments.isEmpty() && !(NAMESPACE.equals(uri) && "BatchRequest".equals(localName))) {
                segments.addLast(localName);
                throw new OwnRule("The root element must be BatchRequest in namespace " + NAMESPACE + ", not "
                        + localName + (uri == null || uri.isEmpty() ? " without namespace" : " in namespace "
                        + uri) + ".", locator);
            }
            if (segments.size() == 1 && "RequestDetail".equals(localName)) {
                details++;
                segments.addLast(localName + "/" + details);
            } else {
                segments.addLast(localName);
            }
            if (segments.size() > MAX_DEPTH) {
                throw new OwnRule("Elements are nested deeper than " + MAX_DEPTH + " levels.", locator);
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            segments.removeLast();
        }

        Locator locator() {
            return locator;
        }

        String path() {
            return segments.isEmpty() ? "" : "/" + String.join("/", segments);
        }
    }

    /** After the validator: every event it passes is valid so far. */
    private final class Extractor extends DefaultHandler {
        private final PathFilter path;
        private final Deque<String> names = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private final List<BatchItem> items = new ArrayList<>();
        private String legalContext;
        private String closingDate;
        private String consumerCompanyId;
        private String companyId;
        private String nossNumber;
        private int identifiers;
        private String detailDate;

        Extractor(PathFilter path) {
            this.path = path;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String parent = names.peekLast();
            names.addLast(localName);
            text.setLength(0);
            if (names.size() == 2 && "RequestDetail".equals(localName)) {
                if (items.size() >= maxItems) {
                    throw new OwnRule("A batch has at most " + maxItems + " RequestDetail elements.", path.locator());
                }
                companyId = null;
                nossNumber = null;
                identifiers = 0;
                detailDate = null;
            } else if ("EmployerId".equals(parent) && names.size() == 4) {
                identifiers++;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            int room = MAX_TEXT - text.length();
            if (room > 0) {
                text.append(ch, start, Math.min(room, length));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            String value = text.toString().trim();
            text.setLength(0);
            names.removeLast();
            String parent = names.peekLast();
            int depth = names.size();
            if (depth == 1 && "RequestDetail".equals(localName)) {
                endDetail();
            } else if (depth == 2 && "LegalContext".equals(localName)) {
                legalContext = value;
            } else if (depth == 3 && "CompanyID".equals(localName) && "Consumer".equals(parent)) {
                consumerCompanyId = value;
            } else if (depth == 3 && "EmployerId".equals(parent)) {
                if ("CompanyID".equals(localName)) {
                    companyId = value;
                } else {
                    // NOSS, NOSS LPA and provisional numbers are looked up among the NOSS numbers, as over SOAP.
                    nossNumber = value;
                }
            } else if (depth == 2 && "ClosingDate".equals(localName) && "RequestDetail".equals(parent)) {
                detailDate = value;
            }
        }

        private void endDetail() throws SAXException {
            if (detailDate != null) {
                if (closingDate == null) {
                    closingDate = detailDate;
                } else if (!closingDate.equals(detailDate)) {
                    throw new OwnRule("Every RequestDetail of a batch has the same ClosingDate (or none): this one"
                            + " differs from an earlier one; send one batch per closing date.", path.locator());
                }
            }
            items.add(identifiers == 1 ? new BatchItem(companyId, nossNumber) : new BatchItem(null, null));
        }
    }
}
