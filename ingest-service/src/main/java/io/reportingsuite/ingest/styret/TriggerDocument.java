package io.reportingsuite.ingest.styret;

import io.reportingsuite.ingest.styret.api.FileContentDescriptorType;
import io.reportingsuite.ingest.styret.api.FileDescriptorType;
import io.reportingsuite.ingest.styret.api.TriggerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The trigger of a Styret SFTP notification (SPEC §2.4): FileContentDescriptor ({@code FilType}, {@code SF})
 * and Routinginformation (S20: FileDescriptor) — from the SOAP call or from a {@code .trigger} file. Values are
 * as received (null when absent); {@link StyretNotifications} checks them.
 *
 * @param sizeInBytes null when absent or not a number
 */
public record TriggerDocument(String filType, String sf, String fileName, Long sizeInBytes, String sender,
                              List<String> sendersFileIds, List<String> recipients) {

    /** Namespace of the SP SFTP service types (SPEC §2.4, S20). */
    public static final String NAMESPACE = "http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types";

    public TriggerDocument {
        sendersFileIds = List.copyOf(sendersFileIds);
        recipients = List.copyOf(recipients);
    }

    /** The trigger of a NotifyUpload call (already schema-valid). */
    public static TriggerDocument of(TriggerType trigger) {
        FileContentDescriptorType content = trigger.getFileContentDescriptor();
        FileDescriptorType routing = trigger.getRoutinginformation() != null ? trigger.getRoutinginformation()
                : trigger.getFileDescriptor();
        return new TriggerDocument(content == null ? null : trim(content.getFilType()),
                content == null ? null : trim(content.getSF()),
                routing == null ? null : routing.getFileName(),
                routing == null ? null : routing.getSizeInBytes(),
                routing == null ? null : trim(routing.getSender()),
                routing == null ? List.of() : routing.getSendersFileId().stream().map(TriggerDocument::trim).toList(),
                routing == null ? List.of() : routing.getRecipients().stream().map(TriggerDocument::trim).toList());
    }

    /** A trigger file that is not a readable trigger document; the message names what is wrong, never content. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a trigger file: root {@code Trigger} in {@link #NAMESPACE} with {@code FileContentDescriptor} and
     * {@code Routinginformation} (or {@code FileDescriptor}), children in the same namespace, in any order.
     * DTDs and external entities are refused; {@code in} must already be size-capped by the caller.
     */
    public static TriggerDocument parse(InputStream in) throws Unreadable, IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            Builder b = new Builder();
            int depth = 0;
            String block = null;
            StringBuilder text = new StringBuilder();
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new Unreadable("The trigger file must not contain a DTD or entity references.");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (!NAMESPACE.equals(xml.getNamespaceURI())) {
                            throw new Unreadable("Element " + xml.getLocalName() + " is not in the namespace "
                                    + NAMESPACE + ".");
                        }
                        String name = xml.getLocalName();
                        if (depth == 1 && !name.equals("Trigger")) {
                            throw new Unreadable("The root element must be Trigger.");
                        }
                        if (depth == 2) {
                            if (!name.equals("FileContentDescriptor") && !name.equals("Routinginformation")
                                    && !name.equals("FileDescriptor")) {
                                throw new Unreadable("Trigger must contain FileContentDescriptor and "
                                        + "Routinginformation (or FileDescriptor), not " + name + ".");
                            }
                            if (!name.equals("FileContentDescriptor") && b.routingSeen) {
                                throw new Unreadable("Trigger must contain one routing block (Routinginformation "
                                        + "or FileDescriptor).");
                            }
                            b.routingSeen |= !name.equals("FileContentDescriptor");
                            block = name.equals("FileContentDescriptor") ? "content" : "routing";
                        }
                        if (depth > 3) {
                            throw new Unreadable("Element " + name + " must not have child elements.");
                        }
                        text.setLength(0);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (text.length() < 4096) {
                            text.append(xml.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == 3) {
                            b.field(block, xml.getLocalName(), text.toString().trim());
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            }
            return b.build();
        } catch (XMLStreamException e) {
            // The parser's message can quote the document; keep only the position.
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ")";
            throw new Unreadable("The trigger file is not well-formed XML" + at + ".");
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the stream the caller closes
                }
            }
        }
    }

    private static final class Builder {
        boolean routingSeen;
        String filType;
        String sf;
        String fileName;
        Long size;
        String sender;
        final List<String> ids = new ArrayList<>();
        final List<String> recipients = new ArrayList<>();

        void field(String block, String name, String value) throws Unreadable {
            if ("content".equals(block)) {
                switch (name) {
                    case "FilType" -> filType = value;
                    case "SF" -> sf = value;
                    default -> {
                        // FileContentDescriptor is open ("any"); other descriptors are ignored.
                    }
                }
                return;
            }
            switch (name) {
                case "FileName" -> fileName = value;
                case "SizeInBytes" -> {
                    try {
                        size = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new Unreadable("SizeInBytes must be a whole number of bytes.");
                    }
                }
                case "Sender" -> sender = value;
                case "SendersFileId" -> ids.add(value);
                case "Recipients" -> recipients.add(value);
                default -> throw new Unreadable("Unknown routing element " + name + ".");
            }
        }

        TriggerDocument build() throws Unreadable {
            if (!routingSeen) {
                throw new Unreadable("Trigger must contain Routinginformation (or FileDescriptor).");
            }
            return new TriggerDocument(filType, sf, fileName, size, sender, ids, recipients);
        }
    }

    private static void trySet(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException ignored) {
            // not every StAX implementation knows the JAXP 1.5 properties; DTDs are off anyway
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
