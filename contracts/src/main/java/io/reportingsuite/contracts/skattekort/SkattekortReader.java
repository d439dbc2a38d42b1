package io.reportingsuite.contracts.skattekort;

import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.ident.Cpr;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.transform.stax.StAXSource;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a skattekort document (a {@code SkattekortForsendelse} or a single {@code Skattekort}, SPEC §3.9)
 * in three steps: bounded size, schema validation over a hardened StAX stream (a DTD is refused, external
 * entities are never resolved), then the cross-field rules the schema cannot express. Every problem is a
 * {@link Finding} naming the XML line and element, never a value (the document holds CPR numbers).
 * Instances are immutable and thread-safe.
 */
public final class SkattekortReader {

    /** Default upper bound of a document: 10 MiB is some 25 000 cards. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    /** Findings listed at most; the rest is summarised by one more. */
    static final int MAX_FINDINGS = 100;

    static final String RULE_SIZE = "SK-SIZE";
    static final String RULE_DTD = "SK-DTD";
    static final String RULE_XML = "SK-XML";
    static final String RULE_XSD = "SK-XSD";
    static final String RULE_CPR = "SK-CPR";
    static final String RULE_FRADRAG = "SK-FRADRAG";
    static final String RULE_FRIKORT = "SK-FRIKORT";
    static final String RULE_P17 = "SK-P17";

    private static final String RECORD = SkattekortXml.SKATTEKORT;

    private final int maxBytes;
    private final XMLInputFactory factory = SkattekortXml.inputFactory();

    public SkattekortReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public SkattekortReader(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive.");
        }
        this.maxBytes = maxBytes;
    }

    public SkattekortReadResult read(byte[] document) {
        if (document == null || document.length == 0) {
            return failed(Finding.error(RULE_XML, 0, null, 0, null, "The skattekort document is empty."));
        }
        if (document.length > maxBytes) {
            return failed(Finding.error(RULE_SIZE, 0, null, 0, null,
                    "The skattekort document is larger than the limit of " + maxBytes + " bytes."));
        }
        List<Finding> findings = validate(document);
        if (!findings.isEmpty()) {
            return new SkattekortReadResult(List.of(), findings);
        }
        List<Skattekort> cards = new ArrayList<>();
        List<Finding> ruleFindings = new ArrayList<>();
        try {
            extract(document, cards, ruleFindings);
        } catch (XMLStreamException e) {
            // Validated a moment ago, so this is not expected; still a finding, never an exception.
            return failed(notWellFormed(e.getLocation() == null ? 0 : e.getLocation().getLineNumber()));
        }
        return ruleFindings.isEmpty()
                ? new SkattekortReadResult(cards, List.of())
                : new SkattekortReadResult(List.of(), ruleFindings);
    }

    private List<Finding> validate(byte[] document) {
        Set<Finding> findings = new LinkedHashSet<>();
        XMLStreamReader raw;
        try {
            raw = factory.createXMLStreamReader(new ByteArrayInputStream(document));
        } catch (XMLStreamException e) {
            return List.of(notWellFormed(0));
        }
        Tracking reader = new Tracking(raw);
        Validator validator = SkattekortXml.schema().newValidator();
        validator.setErrorHandler(new Collector(reader, findings));
        try {
            validator.validate(new StAXSource(reader));
        } catch (SAXException | IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (reader.dtdSeen) {
                findings.add(Finding.error(RULE_DTD, reader.line(), null, 0, null,
                        "A DOCTYPE declaration is not allowed in a skattekort document."));
            } else if (!(e instanceof SAXParseException) || cause instanceof XMLStreamException) {
                findings.add(notWellFormed(reader.line()));
            } else if (findings.isEmpty()) {
                findings.add(notWellFormed(reader.line()));
            }
        } finally {
            closeQuietly(raw);
        }
        List<Finding> list = new ArrayList<>(findings);
        if (list.size() > MAX_FINDINGS) {
            int more = list.size() - MAX_FINDINGS;
            list = new ArrayList<>(list.subList(0, MAX_FINDINGS));
            list.add(Finding.error(RULE_XSD, 0, null, 0, null, more + " more schema findings were not listed."));
        }
        return list;
    }

    private void extract(byte[] document, List<Skattekort> cards, List<Finding> findings) throws XMLStreamException {
        XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(document));
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && RECORD.equals(r.getLocalName())) {
                    int line = r.getLocation().getLineNumber();
                    Skattekort card = card(r);
                    checkRules(card, line, findings);
                    cards.add(card);
                }
            }
        } finally {
            r.close();
        }
    }

    /** Reads the children of one validated {@code Skattekort} element. */
    private static Skattekort card(XMLStreamReader r) throws XMLStreamException {
        Map<String, String> v = new HashMap<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            v.put(name, r.getElementText().trim());
        }
        return new Skattekort(
                v.get(SkattekortXml.CPR_NUMMER),
                v.get(SkattekortXml.ABONNENT_SE_NUMMER),
                Integer.parseInt(v.get(SkattekortXml.SKATTEAAR)),
                KortType.of(Integer.parseInt(v.get(SkattekortXml.KORT_TYPE))),
                LocalDate.parse(v.get(SkattekortXml.ANVENDES_FRA_DATO)),
                new BigDecimal(v.get(SkattekortXml.TRAEKPROCENT)),
                decimal(v.get(SkattekortXml.TRAEKPROCENT_PARAGRAF17)),
                decimal(v.get(SkattekortXml.FRADRAG_MAANED)),
                decimal(v.get(SkattekortXml.FRADRAG_14_DAGE)),
                decimal(v.get(SkattekortXml.FRADRAG_UGE)),
                decimal(v.get(SkattekortXml.FRADRAG_DAG)),
                decimal(v.get(SkattekortXml.FRIKORT_BELOEB)),
                Integer.parseInt(v.get(SkattekortXml.SKATTEKORT_LOEBENUMMER)));
    }

    /** SPEC §3.9 rules beyond the schema. */
    static void checkRules(Skattekort k, long line, List<Finding> findings) {
        if (!Cpr.isValid(k.cprNummer())) {
            findings.add(Finding.error(RULE_CPR, line, RECORD, 0, SkattekortXml.CPR_NUMMER,
                    "CPRNummer is not a valid CPR number (no real date)."));
        }
        boolean anyFradrag = k.fradragMaaned() != null || k.fradrag14Dage() != null || k.fradragUge() != null
                || k.fradragDag() != null;
        if (anyFradrag && !k.kortType().hasFradrag()) {
            findings.add(Finding.error(RULE_FRADRAG, line, RECORD, 0, SkattekortXml.FRADRAG_MAANED,
                    "Fradrag is only given on a hovedkort (KortType 2 or 6)."));
        }
        if (k.frikortBeloeb() != null && !k.kortType().hasFrikortBeloeb()) {
            findings.add(Finding.error(RULE_FRIKORT, line, RECORD, 0, SkattekortXml.FRIKORT_BELOEB,
                    "FrikortBeloeb is only given on a frikort (KortType 3)."));
        }
        if (k.traekprocentParagraf17() != null && !k.kortType().allowsParagraf17()) {
            findings.add(Finding.error(RULE_P17, line, RECORD, 0, SkattekortXml.TRAEKPROCENT_PARAGRAF17,
                    "TraekprocentParagraf17 is only given on KortType 3, 5, 6 or 7."));
        }
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static SkattekortReadResult failed(Finding finding) {
        return new SkattekortReadResult(List.of(), List.of(finding));
    }

    private static Finding notWellFormed(long line) {
        return Finding.error(RULE_XML, line, null, 0, null,
                "The skattekort document is not well-formed XML (or uses an undeclared entity).");
    }

    private static void closeQuietly(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException ignored) {
            // nothing is held open beyond the byte array
        }
    }

    /** Remembers the element the validator is at, and refuses a DTD before anything reads it. */
    private static final class Tracking extends StreamReaderDelegate {
        private String element;
        private boolean dtdSeen;

        Tracking(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == XMLStreamConstants.DTD) {
                dtdSeen = true;
                throw new XMLStreamException("DTD refused");
            }
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                element = getLocalName();
            }
            return event;
        }

        long line() {
            return getLocation() == null ? 0 : getLocation().getLineNumber();
        }
    }

    /** Turns schema errors into findings with a fixed sentence per kind (the parser's text may quote values). */
    private static final class Collector implements ErrorHandler {
        private final Tracking reader;
        private final Set<Finding> findings;

        Collector(Tracking reader, Set<Finding> findings) {
            this.reader = reader;
            this.findings = findings;
        }

        @Override
        public void warning(SAXParseException e) {
            // schema warnings do not make a document invalid
        }

        @Override
        public void error(SAXParseException e) {
            findings.add(Finding.error(RULE_XSD, Math.max(e.getLineNumber(), 0), RECORD, 0, reader.element,
                    sentence(e.getMessage())));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }

        private static String sentence(String parserMessage) {
            String code = parserMessage == null ? "" : parserMessage.split(":", 2)[0].trim();
            String what;
            if (code.startsWith("cvc-complex-type.2.4") || code.startsWith("cvc-complex-type.2.3")) {
                what = "The element is not expected here, or a required element is missing before it";
            } else if (code.startsWith("cvc-elt.1")) {
                what = "The root element is not SkattekortForsendelse or Skattekort in namespace "
                        + SkattekortXml.NAMESPACE;
            } else if (code.startsWith("cvc-complex-type.3") || code.startsWith("cvc-complex-type.2.1")
                    || code.startsWith("cvc-complex-type.2.2")) {
                what = "The element has content or attributes the schema does not allow";
            } else {
                what = "The element's value has the wrong format or is out of range";
            }
            // No parser code in the sentence: one fault often yields several codes, and the set dedupes.
            return what + ".";
        }
    }
}
