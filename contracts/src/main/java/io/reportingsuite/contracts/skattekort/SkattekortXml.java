package io.reportingsuite.contracts.skattekort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.transform.stream.StreamSource;
import org.xml.sax.SAXException;

/**
 * The skattekort vocabulary in one place: namespace, element names, the compiled XSD and a hardened StAX
 * factory (no DTD, no external entities: ARCHITECTURE §6).
 */
public final class SkattekortXml {

    /** Target namespace of {@code xsd/skattekort.xsd} (SPEC §3.9). */
    public static final String NAMESPACE = "urn:kombit:sf0770b:skattekort:1";
    /** Classpath location of the schema (include it as a native-image resource). */
    public static final String XSD_RESOURCE = "xsd/skattekort.xsd";

    static final String FORSENDELSE = "SkattekortForsendelse";
    static final String SKATTEKORT = "Skattekort";
    static final String CPR_NUMMER = "CPRNummer";
    static final String ABONNENT_SE_NUMMER = "AbonnentSENummer";
    static final String SKATTEAAR = "Skatteaar";
    static final String KORT_TYPE = "KortType";
    static final String ANVENDES_FRA_DATO = "AnvendesFraDato";
    static final String TRAEKPROCENT = "Traekprocent";
    static final String TRAEKPROCENT_PARAGRAF17 = "TraekprocentParagraf17";
    static final String FRADRAG_MAANED = "FradragMaaned";
    static final String FRADRAG_14_DAGE = "Fradrag14Dage";
    static final String FRADRAG_UGE = "FradragUge";
    static final String FRADRAG_DAG = "FradragDag";
    static final String FRIKORT_BELOEB = "FrikortBeloeb";
    static final String SKATTEKORT_LOEBENUMMER = "SkattekortLoebenummer";

    private static final Schema SCHEMA = loadSchema();

    private SkattekortXml() {
    }

    /** The compiled schema; thread-safe. */
    public static Schema schema() {
        return SCHEMA;
    }

    /** A StAX factory that refuses DTDs and external entities. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private static Schema loadSchema() {
        try (InputStream in = SkattekortXml.class.getClassLoader().getResourceAsStream(XSD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(XSD_RESOURCE + " is missing from the classpath.");
            }
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(in, XSD_RESOURCE));
        } catch (SAXException e) {
            throw new IllegalStateException("The skattekort XSD does not compile.", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
