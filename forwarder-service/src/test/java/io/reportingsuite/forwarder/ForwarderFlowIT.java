package io.reportingsuite.forwarder;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Tag;

/**
 * IF01/IF02 against the packaged application (JVM jar; with {@code -Dnative} the native executable): AMQP in
 * and out, JMS to and from SKAT's MQ, the SKAT document parsers, over the network.
 *
 * <p>Tagged nightly: runs with {@code -Pnightly} and with {@code -Dnative}, not in the default build, where
 * {@link ForwarderFlowTest} runs the same cases in-process, suite-tests follows the same path over the packaged
 * jars, and the module's {@code *OperationsIT} is the packaged smoke test.
 */
@QuarkusIntegrationTest
@Tag("nightly")
class ForwarderFlowIT extends ForwarderFlowTest {
}
