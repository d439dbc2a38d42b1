package io.reportingsuite.debt.soap;

import jakarta.inject.Singleton;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.service.model.ServiceInfo;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;

/**
 * Two per-call costs of CXF that the JFR profile of the SOAP bench showed (README "What the runs say"), removed
 * without changing what a call checks or answers:
 * <ul>
 * <li>Schema validation: JAXB's validating unmarshaller asks the schema for a new Xerces {@link ValidatorHandler}
 * on every request, and building one (its component manager, a schema loader, an XSD handler, a parser
 * configuration) was ≈ 8 % of a SOAP call's worker-thread CPU. The endpoint's schema (the same compiled XSD CXF
 * validates against, cached by CXF per service) is wrapped in {@link ReusedValidatorHandlers}, which hands each
 * thread its own handler, reset by the validator at every document start. Every request is still validated,
 * with the same rules and the same {@code cvc-…} texts.</li>
 * <li>Class loader look-up: when the bus has no {@code ClassLoader} extension, CXF's {@code ServletController}
 * asks the bus' resource manager for one on every request, which scans the class path for the resource
 * {@code ""} and finds nothing (≈ 3–4 % of the worker's CPU). The bus gets the application's class loader, the
 * one the worker threads already have as context class loader.</li>
 * </ul>
 * Registered as a feature of the {@code EmployerAccountBalance} endpoint (application.properties).
 */
@Singleton
public class SoapHotPath implements AbstractPortableFeature {

    @Override
    public void initialize(Server server, Bus bus) {
        if (bus.getExtension(ClassLoader.class) == null) {
            bus.setExtension(SoapHotPath.class.getClassLoader(), ClassLoader.class);
        }
        for (ServiceInfo service : server.getEndpoint().getService().getServiceInfos()) {
            Schema schema = EndpointReferenceUtils.getSchema(service, bus);
            if (schema != null && !(schema instanceof ReusedValidatorHandlers)) {
                service.setProperty(Schema.class.getName(), new ReusedValidatorHandlers(schema));
            }
        }
    }

    /**
     * A compiled schema whose {@link #newValidatorHandler()} returns the calling thread's handler, created once.
     * A Xerces handler is not thread-safe but is reusable: {@code startDocument} resets its state, and the
     * unmarshaller sets its content and error handlers before every document. One document at a time per
     * thread is what a worker thread does (CXF unmarshals a request on the thread that handles it).
     */
    static final class ReusedValidatorHandlers extends Schema {

        /**
         * Documents one handler validates before the thread gets a fresh one: a Xerces handler keeps the names it
         * has seen in its symbol table, and a refused document can add one unknown name each time.
         */
        static final int USES = 1_000;

        private final Schema schema;
        private final ThreadLocal<Reused> handlers = new ThreadLocal<>();

        ReusedValidatorHandlers(Schema schema) {
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
}
