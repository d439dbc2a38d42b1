package io.reportingsuite.receipt.skattekort;

import io.reportingsuite.contracts.skattekort.Skattekort;
import io.reportingsuite.contracts.skattekort.SkattekortWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Wraps one skattekort in the Beskedfordeler envelope {@code Haendelsesbesked} of SPEC §2.6: the envelope in
 * {@code urn:oio:besked:kuvert:1.0}, identifiers in {@code urn:oio:sagdok:3.0.0}, the card (§3.9) as
 * Beskeddata.
 */
public final class HaendelsesbeskedWriter {

    public static final String KUVERT = "urn:oio:besked:kuvert:1.0";
    public static final String SAGDOK = "urn:oio:sagdok:3.0.0";
    private static final ZoneId DENMARK = ZoneId.of("Europe/Copenhagen");

    /** The envelope values that do not come from the card. */
    public record Envelope(UUID beskedId, UUID objektRegistreringId, String beskedtype, String afsenderAktoer,
                           String kommuneCvr, String personObjekttype, String objekthandling,
                           String sikkerhedsklassificering, Instant created) {
    }

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();
    private final SkattekortWriter cards = new SkattekortWriter();

    public byte[] write(Envelope e, Skattekort card) {
        String cardXml = new String(cards.write(card), StandardCharsets.UTF_8);
        cardXml = cardXml.substring(cardXml.indexOf("?>") + 2).strip();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = factory.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(KUVERT);
            w.setPrefix("sd", SAGDOK);
            w.writeStartElement(KUVERT, "Haendelsesbesked");
            w.writeDefaultNamespace(KUVERT);
            w.writeNamespace("sd", SAGDOK);
            uuid(w, "BeskedId", e.beskedId().toString());
            text(w, "BeskedVersion", "1.0");
            w.writeStartElement(KUVERT, "Beskedkuvert");
            w.writeStartElement(KUVERT, "Filtreringsdata");
            uuid(w, "Beskedtype", e.beskedtype());
            uuid(w, "BeskedAnsvarligAktoer", e.afsenderAktoer());
            urn(w, "TilladtModtager", "urn:oio:cvr-nr:" + e.kommuneCvr());
            w.writeStartElement(KUVERT, "RelateretObjekt");
            urn(w, "ObjektId", "urn:oio:cpr-nr:" + card.cprNummer());
            uuid(w, "ObjektType", e.personObjekttype());
            w.writeEndElement();
            w.writeStartElement(KUVERT, "ObjektRegistrering");
            uuid(w, "ObjektRegistreringId", e.objektRegistreringId().toString());
            uuid(w, "RegistreringsAktoer", e.afsenderAktoer());
            timestamp(w, "Registreringstidspunkt", e.created().toString());
            urn(w, "ObjektAnsvarligMyndighed", "urn:oio:cvr-nr:" + e.kommuneCvr());
            urn(w, "ObjektId", "urn:oio:cpr-nr:" + card.cprNummer());
            uuid(w, "ObjektType", e.personObjekttype());
            uuid(w, "ObjektHandling", e.objekthandling());
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement(KUVERT, "Leveranceinformation");
            timestamp(w, "Dannelsestidspunkt", e.created().toString());
            text(w, "Kildesystem", "SKAT eIndkomst");
            uuid(w, "Sikkerhedsklassificering", e.sikkerhedsklassificering());
            w.writeEndElement();
            timestamp(w, "GyldighedFra", validFrom(card.anvendesFraDato()));
            w.writeEndElement();
            w.writeStartElement(KUVERT, "Beskeddata");
            // Close the start tag, then put the card document's root element in as it was written.
            w.writeCharacters("");
            w.flush();
            out.write(cardXml);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException ex) {
            throw new IllegalStateException("Writing a Haendelsesbesked to memory failed.", ex);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String validFrom(LocalDate date) {
        return date.atStartOfDay(DENMARK).toOffsetDateTime().toString();
    }

    private static void uuid(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        wrapped(w, element, "UUIDIdentifikator", value);
    }

    private static void urn(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        wrapped(w, element, "URNIdentifikator", value);
    }

    private static void timestamp(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        wrapped(w, element, "TidsstempelDatoTid", value);
    }

    private static void wrapped(XMLStreamWriter w, String element, String inner, String value)
            throws XMLStreamException {
        w.writeStartElement(KUVERT, element);
        w.writeStartElement(SAGDOK, inner);
        w.writeCharacters(value);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(KUVERT, element);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
