package io.reportingsuite.forwarder;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * IF01/IF02 against the packaged application (JVM jar; with {@code -Dnative} the native executable): AMQP in
 * and out, JMS to and from SKAT's MQ, the SKAT document parsers, over the network.
 */
@QuarkusIntegrationTest
class ForwarderFlowIT extends ForwarderFlowTest {
}
