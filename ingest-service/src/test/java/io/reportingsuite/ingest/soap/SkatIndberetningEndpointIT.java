package io.reportingsuite.ingest.soap;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * EP_FS1 against the packaged application (JVM jar; with {@code -Dnative} the native executable): CXF's
 * generated types, the WSDL and XSD read at run time, the AMQP hand-off and PostgreSQL, over the network.
 */
@QuarkusIntegrationTest
class SkatIndberetningEndpointIT extends SkatIndberetningEndpointTest {
}
