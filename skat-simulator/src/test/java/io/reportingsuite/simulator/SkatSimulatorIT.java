package io.reportingsuite.simulator;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Tag;

/**
 * The simulator against the packaged application (JVM jar; with {@code -Dnative} the native executable): JMS
 * on SKAT's MQ, the eIndkomst parser, the skattekort XSD read at run time, the admin API, over the network.
 *
 * <p>Tagged nightly: runs with {@code -Pnightly} and with {@code -Dnative}, not in the default build, where
 * {@link SkatSimulatorTest} runs the same cases in-process, suite-tests follows the same path over the packaged
 * jars, and the module's {@code *OperationsIT} is the packaged smoke test.
 */
@QuarkusIntegrationTest
@Tag("nightly")
class SkatSimulatorIT extends SkatSimulatorTest {
}
