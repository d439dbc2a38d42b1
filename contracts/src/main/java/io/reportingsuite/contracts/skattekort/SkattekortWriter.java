package io.reportingsuite.contracts.skattekort;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes skattekort documents (SPEC §3.9) as UTF-8 XML in the schema's element order; what it writes is
 * valid against {@code xsd/skattekort.xsd} for any card that passes the reader's rules. Thread-safe.
 */
public final class SkattekortWriter {

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    /** A {@code SkattekortForsendelse} document (what SKAT puts on EP_SK3). */
    public byte[] write(SkattekortForsendelse forsendelse) {
        return document(w -> {
            w.writeStartElement(SkattekortXml.FORSENDELSE);
            w.writeDefaultNamespace(SkattekortXml.NAMESPACE);
            for (Skattekort k : forsendelse.skattekort()) {
                card(w, k, false);
            }
            w.writeEndElement();
        });
    }

    /** A document holding one {@code Skattekort} (the Beskeddata of one Beskedfordeler message). */
    public byte[] write(Skattekort skattekort) {
        return document(w -> card(w, skattekort, true));
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private byte[] document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = factory.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            w.setDefaultNamespace(SkattekortXml.NAMESPACE);
            w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing a skattekort document to memory failed.", e);
        }
        return out.toByteArray();
    }

    private static void card(XMLStreamWriter w, Skattekort k, boolean root) throws XMLStreamException {
        w.writeStartElement(SkattekortXml.NAMESPACE, SkattekortXml.SKATTEKORT);
        if (root) {
            w.writeDefaultNamespace(SkattekortXml.NAMESPACE);
        }
        text(w, SkattekortXml.CPR_NUMMER, k.cprNummer());
        text(w, SkattekortXml.ABONNENT_SE_NUMMER, k.abonnentSENummer());
        text(w, SkattekortXml.SKATTEAAR, Integer.toString(k.skatteaar()));
        text(w, SkattekortXml.KORT_TYPE, Integer.toString(k.kortType().code()));
        text(w, SkattekortXml.ANVENDES_FRA_DATO, k.anvendesFraDato().toString());
        decimal(w, SkattekortXml.TRAEKPROCENT, k.traekprocent());
        decimal(w, SkattekortXml.TRAEKPROCENT_PARAGRAF17, k.traekprocentParagraf17());
        decimal(w, SkattekortXml.FRADRAG_MAANED, k.fradragMaaned());
        decimal(w, SkattekortXml.FRADRAG_14_DAGE, k.fradrag14Dage());
        decimal(w, SkattekortXml.FRADRAG_UGE, k.fradragUge());
        decimal(w, SkattekortXml.FRADRAG_DAG, k.fradragDag());
        decimal(w, SkattekortXml.FRIKORT_BELOEB, k.frikortBeloeb());
        text(w, SkattekortXml.SKATTEKORT_LOEBENUMMER, Integer.toString(k.skattekortLoebenummer()));
        w.writeEndElement();
    }

    private static void decimal(XMLStreamWriter w, String name, BigDecimal value) throws XMLStreamException {
        if (value != null) {
            text(w, name, value.toPlainString());
        }
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(SkattekortXml.NAMESPACE, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
