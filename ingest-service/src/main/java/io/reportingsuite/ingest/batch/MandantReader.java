package io.reportingsuite.ingest.batch;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the mandant (the company a transmission is for) from FI content, streaming and hardened: no DTD (a
 * DOCTYPE is refused), no external entities, so a hostile file cannot reach the network or the disk. Reads only as
 * far as the mandant. Never logs or returns anything else of the content.
 */
final class MandantReader {

    /** Where a debt query names its mandant, below the root {@code BatchRequest}. */
    static final List<String> DEBT_QUERY_PATH = List.of("RequestInformation", "Consumer", "CompanyID");

    private static final XMLInputFactory FACTORY = factory();

    private MandantReader() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * The text of {@code RequestInformation/Consumer/CompanyID} directly below the root element; empty when the
     * document has none.
     *
     * @throws XMLStreamException the content is not well-formed XML, or has a DTD
     */
    static Optional<String> debtQuery(InputStream content) throws XMLStreamException {
        XMLStreamReader xml = FACTORY.createXMLStreamReader(content);
        try {
            List<String> path = new ArrayList<>();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("a DTD is not allowed");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    path.add(xml.getLocalName());
                    if (path.size() == DEBT_QUERY_PATH.size() + 1
                            && path.subList(1, path.size()).equals(DEBT_QUERY_PATH)) {
                        return Optional.of(xml.getElementText().strip());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.remove(path.size() - 1);
                    if (path.size() == 1 && xml.getLocalName().equals(DEBT_QUERY_PATH.get(0))) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        } finally {
            xml.close();
        }
    }

    /**
     * The text of the first element whose local name is {@code element}; empty when there is none.
     *
     * @throws XMLStreamException the content is not well-formed XML, has a DTD, or the element holds elements
     */
    static Optional<String> firstElement(InputStream content, String element) throws XMLStreamException {
        XMLStreamReader xml = FACTORY.createXMLStreamReader(content);
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("a DTD is not allowed");
                }
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals(element)) {
                    return Optional.of(xml.getElementText().strip());
                }
            }
            return Optional.empty();
        } finally {
            xml.close();
        }
    }
}
