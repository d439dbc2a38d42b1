package io.reportingsuite.support.soap;

import io.quarkus.runtime.annotations.RegisterForReflection;
import javax.xml.validation.Schema;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.service.model.ServiceInfo;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;

/**
 * Two per-call costs of CXF that JFR profiles of the SOAP benches showed (debt-service's and ingest-service's
 * READMEs, "Benchmark"), removed without changing what a call checks or answers:
 * <ul>
 * <li>Schema validation: JAXB's validating unmarshaller asks the schema for a new Xerces
 * {@link javax.xml.validation.ValidatorHandler} on every request, and building one was ≈ 8 % of a SOAP call's
 * worker-thread CPU (debt) and 4–5 % of ingest's allocation. The endpoint's schema (the same compiled XSD CXF
 * validates against, cached by CXF per service) is wrapped in {@link ReusedValidatorHandlers}, which hands each
 * thread its own handler, reset by the validator at every document start. Every request is still validated,
 * with the same rules and the same {@code cvc-…} texts.</li>
 * <li>Class loader look-up: when the bus has no {@code ClassLoader} extension, CXF's {@code ServletController}
 * asks the bus' resource manager for one on every request, which scans the class path for the resource
 * {@code ""} and finds nothing (≈ 3–4 % of debt's worker CPU). The bus gets the application's class loader: the
 * context class loader of the thread that starts the endpoint, the one the worker threads have too (CXF makes the
 * bus' class loader the context class loader while it handles a request; in Quarkus' test and dev modes this
 * class's own loader is the libraries' loader, which does not see the application's classes).</li>
 * </ul>
 * A CXF feature, registered per endpoint by class name ({@code quarkus.cxf.endpoint."/X".features=}
 * {@code io.reportingsuite.support.soap.SoapHotPath}); quarkus-cxf creates it with the public no-argument
 * constructor. Deliberately not a CDI bean: service-support's CXF dependency is optional, so services without
 * quarkus-cxf never load this class, and their bean discovery must not see it either. Native image: registered
 * for the reflective construction (as {@code sftp/SftpServers} registers its optional SSHD classes).
 */
@RegisterForReflection
public class SoapHotPath implements AbstractPortableFeature {

    @Override
    public void initialize(Server server, Bus bus) {
        if (bus.getExtension(ClassLoader.class) == null) {
            ClassLoader application = Thread.currentThread().getContextClassLoader();
            bus.setExtension(application != null ? application : SoapHotPath.class.getClassLoader(),
                    ClassLoader.class);
        }
        for (ServiceInfo service : server.getEndpoint().getService().getServiceInfos()) {
            Schema schema = EndpointReferenceUtils.getSchema(service, bus);
            if (schema != null && !(schema instanceof ReusedValidatorHandlers)) {
                service.setProperty(Schema.class.getName(), new ReusedValidatorHandlers(schema));
            }
        }
    }
}
