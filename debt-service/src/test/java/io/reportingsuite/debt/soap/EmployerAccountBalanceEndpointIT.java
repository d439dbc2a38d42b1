package io.reportingsuite.debt.soap;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The SOAP balance service against the packaged application (JVM jar; with {@code -Dnative} the native
 * executable): CXF's generated types, the WSDL served, Basic authentication, PostgreSQL, over the network.
 */
@QuarkusIntegrationTest
class EmployerAccountBalanceEndpointIT extends EmployerAccountBalanceEndpointTest {
}
