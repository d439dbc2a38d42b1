package io.reportingsuite.receipt;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Tag;

/**
 * The kvittering stub's SOAP endpoint (WSDL-first CXF) and its REST read-back, against the packaged artifact.
 *
 * <p>Tagged nightly: runs with {@code -Pnightly} and with {@code -Dnative}, not in the default build, where
 * {@link KvitteringStubTest} runs the same cases in-process, suite-tests follows the same path over the packaged
 * jars, and the module's {@code *OperationsIT} is the packaged smoke test.
 */
@QuarkusIntegrationTest
@Tag("nightly")
class KvitteringStubIT extends KvitteringStubTest {
}
