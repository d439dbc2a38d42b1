package io.reportingsuite.debt.soap;

import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Keeps a fault's text naming the problem (the schema rule, the element) but takes out the values CXF and
 * the XML parser quote: an enterprise number of a sole trader identifies a person (ARCHITECTURE §6).
 */
@Singleton
public class FaultSanitizer extends AbstractPhaseInterceptor<Message> {

    private static final Pattern QUOTED_VALUE = Pattern.compile("(?i)(value|literal)\\s+'[^']*'");

    public FaultSanitizer() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        if (message.getContent(Exception.class) instanceof Fault fault && fault.getMessage() != null) {
            fault.setMessage(sanitise(fault.getMessage()));
        }
    }

    static String sanitise(String text) {
        return QUOTED_VALUE.matcher(text).replaceAll("$1 '…'");
    }
}
