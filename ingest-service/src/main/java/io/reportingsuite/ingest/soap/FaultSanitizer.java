package io.reportingsuite.ingest.soap;

import io.reportingsuite.ingest.soap.api.SKATIndberetFault_Exception;
import jakarta.inject.Singleton;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.jboss.logging.Logger;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Replaces the text of every fault this endpoint did not raise itself (malformed XML, DTD, schema or Base64
 * errors, internal failures) with a fixed sentence and a {@code SKATIndberetFault} detail. CXF's own texts
 * quote the offending value, which can be the payload (ARCHITECTURE §6: no payload in error texts).
 */
@Singleton
public class FaultSanitizer extends AbstractPhaseInterceptor<Message> {

    static final String NAMESPACE = "urn:reportingsuite:eindkomst:skatindberetning:1";

    private static final Logger LOG = Logger.getLogger(FaultSanitizer.class);

    public FaultSanitizer() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)
                || fault.getCause() instanceof SKATIndberetFault_Exception) {
            return;
        }
        boolean client = fault.getFaultCode() != null && fault.getFaultCode().getLocalPart().endsWith("Client");
        String code = client ? "ENVELOPE" : "INTERNAL";
        String text = client
                ? "The request is not a valid SkatIndberetning request (malformed XML, a DTD, or not valid against the schema)."
                : "Intern fejl: the request could not be processed. Send it again later.";
        LOG.infof("SOAP request refused with %s (%s)", code,
                fault.getCause() == null ? "no cause" : fault.getCause().getClass().getSimpleName());
        fault.setMessage(text);
        Element detail = fault.getOrCreateDetail();
        for (Node child = detail.getFirstChild(); child != null; child = detail.getFirstChild()) {
            detail.removeChild(child);
        }
        Element body = detail.getOwnerDocument().createElementNS(NAMESPACE, "SKATIndberetFault");
        body.appendChild(element(detail, "Code", code));
        body.appendChild(element(detail, "Message", text));
        detail.appendChild(body);
    }

    private static Element element(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        e.setTextContent(text);
        return e;
    }
}
