package io.reportingsuite.simulator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The simulator against the packaged application (JVM jar; with {@code -Dnative} the native executable): JMS
 * on SKAT's MQ, the eIndkomst parser, the skattekort XSD read at run time, the admin API, over the network.
 */
@QuarkusIntegrationTest
class SkatSimulatorIT extends SkatSimulatorTest {
}
