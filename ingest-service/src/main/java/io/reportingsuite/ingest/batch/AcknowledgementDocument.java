package io.reportingsuite.ingest.batch;

import io.reportingsuite.contracts.batch.BatchFileName;
import io.reportingsuite.contracts.finding.Finding;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The content of an ACRF (FO.ACRF.999999…): which files the platform checked and its verdict, with every finding
 * (rule code and sentence; never any file content). UTF-8 XML in namespace {@value #NAMESPACE}:
 *
 * <pre>{@code
 * <Acknowledgement xmlns="urn:reportingsuite:batch:acknowledgement:1">
 *   <FileName>FO.ACRF.999999.20261207.00001.R</FileName>
 *   <Created>2026-12-07T12:45:00Z</Created>
 *   <Sender>100001</Sender>                          the channel's sender number
 *   <Folder>IN</Folder>                              IN or INTEST
 *   <TransmissionId>EACB.100001.20261207.00001.R</TransmissionId>   when the names gave one
 *   <Files><File>FI.EACB.100001.20261207.00001.R.1.1</File>…</Files>
 *   <Result>POSITIVE</Result>                        or NEGATIVE
 *   <Findings>                                       empty when POSITIVE
 *     <Finding rule="T04" field="8" fieldName="part number">…sentence…</Finding>
 *   </Findings>
 * </Acknowledgement>
 * }</pre>
 */
public record AcknowledgementDocument(BatchFileName fileName, Instant created, String sender, String folder,
                                      Optional<String> transmissionId, List<String> files, boolean positive,
                                      List<Finding> findings) {

    public static final String NAMESPACE = "urn:reportingsuite:batch:acknowledgement:1";

    public AcknowledgementDocument {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    public byte[] render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("Acknowledgement");
            w.writeDefaultNamespace(NAMESPACE);
            element(w, 1, "FileName", fileName.toString());
            element(w, 1, "Created", created.toString());
            element(w, 1, "Sender", sender);
            element(w, 1, "Folder", folder);
            if (transmissionId.isPresent()) {
                element(w, 1, "TransmissionId", transmissionId.get());
            }
            indent(w, 1);
            w.writeStartElement("Files");
            for (String file : files) {
                element(w, 2, "File", file);
            }
            indent(w, 1);
            w.writeEndElement();
            element(w, 1, "Result", positive ? "POSITIVE" : "NEGATIVE");
            indent(w, 1);
            w.writeStartElement("Findings");
            for (Finding f : findings) {
                indent(w, 2);
                w.writeStartElement("Finding");
                w.writeAttribute("rule", f.rule());
                w.writeAttribute("severity", f.severity().name());
                if (f.line() > 0) {
                    w.writeAttribute("line", Long.toString(f.line()));
                }
                if (f.field() > 0) {
                    w.writeAttribute("field", Integer.toString(f.field()));
                }
                if (f.fieldName() != null) {
                    w.writeAttribute("fieldName", xmlSafe(f.fieldName()));
                }
                w.writeCharacters(xmlSafe(f.message()));
                w.writeEndElement();
            }
            if (!findings.isEmpty()) {
                indent(w, 1);
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the acknowledgement cannot be written", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter w, int depth, String name, String text) throws XMLStreamException {
        indent(w, depth);
        w.writeStartElement(name);
        w.writeCharacters(xmlSafe(text));
        w.writeEndElement();
    }

    private static void indent(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** A file name as uploaded may hold characters XML 1.0 cannot carry: each becomes U+FFFD. */
    static String xmlSafe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            sb.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return sb.toString();
    }
}
