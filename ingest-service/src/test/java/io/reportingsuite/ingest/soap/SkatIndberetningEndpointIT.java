package io.reportingsuite.ingest.soap;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Tag;

/**
 * EP_FS1 against the packaged application (JVM jar; with {@code -Dnative} the native executable): CXF's
 * generated types, the WSDL and XSD read at run time, the AMQP hand-off and PostgreSQL, over the network.
 *
 * <p>Tagged nightly: runs with {@code -Pnightly} and with {@code -Dnative}, not in the default build, where
 * {@link SkatIndberetningEndpointTest} runs the same cases in-process, suite-tests follows the same path over the
 * packaged jars, and the module's {@code *OperationsIT} is the packaged smoke test.
 */
@QuarkusIntegrationTest
@Tag("nightly")
class SkatIndberetningEndpointIT extends SkatIndberetningEndpointTest {
}
