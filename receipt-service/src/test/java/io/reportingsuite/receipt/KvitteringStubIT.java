package io.reportingsuite.receipt;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The kvittering stub's SOAP endpoint (WSDL-first CXF) and its REST read-back, against the packaged artifact. */
@QuarkusIntegrationTest
class KvitteringStubIT extends KvitteringStubTest {
}
