package io.reportingsuite.support.soap;

import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

/**
 * A compiled schema whose {@link #newValidatorHandler()} returns the calling thread's handler, created once (and
 * renewed every {@link #USES} documents) instead of a new one per call. Building a Xerces handler (its component
 * manager, a schema loader with its error handler and writers, an XSD handler, a parser configuration) is what
 * JAXB's validating unmarshaller pays on every SOAP request otherwise; the handler is not thread-safe but it is
 * reusable: {@code startDocument} resets its state (element stack, identity constraints, IDs), and the
 * unmarshaller sets its content and error handlers before every document. A document refused half-way (a schema
 * error or a parse error thrown out of the handler) leaves state behind that the next {@code startDocument}
 * clears ({@code ReusedValidatorHandlersTest}). One document at a time per thread is what a CXF worker thread
 * does: it unmarshals a request on the thread that handles it. Pure JAXP: no CXF needed ({@link SoapHotPath}
 * installs it on an endpoint).
 */
public final class ReusedValidatorHandlers extends Schema {

    /**
     * Documents one handler validates before the thread gets a fresh one: a Xerces handler keeps the names it has
     * seen in its symbol table, and a refused document can add one unknown name each time.
     */
    public static final int USES = 1_000;

    private final Schema schema;
    private final ThreadLocal<Reused> handlers = new ThreadLocal<>();

    public ReusedValidatorHandlers(Schema schema) {
        this.schema = schema;
    }

    @Override
    public Validator newValidator() {
        return schema.newValidator();
    }

    @Override
    public ValidatorHandler newValidatorHandler() {
        Reused reused = handlers.get();
        if (reused == null || reused.uses >= USES) {
            reused = new Reused(schema.newValidatorHandler());
            handlers.set(reused);
        }
        reused.uses++;
        return reused.handler;
    }

    private static final class Reused {
        final ValidatorHandler handler;
        int uses;

        Reused(ValidatorHandler handler) {
            this.handler = handler;
        }
    }
}
