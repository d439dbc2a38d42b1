package io.reportingsuite.ingest.styret;

import io.reportingsuite.ingest.styret.api.NotificationFaultMessage;
import jakarta.inject.Singleton;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.jboss.logging.Logger;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * For NotifyUpload what {@code soap.FaultSanitizer} is for EP_FS1: every fault the endpoint did not raise
 * itself (malformed XML, a DTD, a schema error, an internal failure) gets a fixed text and a
 * {@code NotificationFault} detail with Reason {@code ENVELOPE} or {@code INTERNAL}; CXF's own texts can quote
 * the request.
 */
@Singleton
public class NotificationFaultSanitizer extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = Logger.getLogger(NotificationFaultSanitizer.class);

    public NotificationFaultSanitizer() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)
                || fault.getCause() instanceof NotificationFaultMessage) {
            return;
        }
        boolean client = fault.getFaultCode() != null && fault.getFaultCode().getLocalPart().endsWith("Client");
        String reason = client ? "ENVELOPE" : "INTERNAL";
        String text = client
                ? "The request is not a valid NotifyUpload request (malformed XML, a DTD, or not valid against the schema)."
                : "Intern fejl: the notification could not be processed. Notify again later.";
        LOG.infof("NotifyUpload refused with %s (%s)", reason,
                fault.getCause() == null ? "no cause" : fault.getCause().getClass().getSimpleName());
        fault.setMessage(text);
        Element detail = fault.getOrCreateDetail();
        for (Node child = detail.getFirstChild(); child != null; child = detail.getFirstChild()) {
            detail.removeChild(child);
        }
        Element body = detail.getOwnerDocument().createElementNS(TriggerDocument.NAMESPACE, "NotificationFault");
        body.appendChild(element(detail, "Reason", reason));
        body.appendChild(element(detail, "Message", text));
        detail.appendChild(body);
    }

    private static Element element(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(TriggerDocument.NAMESPACE, name);
        e.setTextContent(text);
        return e;
    }
}
