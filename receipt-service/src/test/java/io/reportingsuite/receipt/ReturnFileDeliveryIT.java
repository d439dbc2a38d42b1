package io.reportingsuite.receipt;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Tag;

/**
 * EP_FS3 against the packaged application (JVM jar; with {@code -Dnative} the native executable): AMQP in, the
 * return file over MINA SSHD's SFTP server, the case system's SOAP notification (CXF client and endpoint).
 *
 * <p>Tagged nightly: runs with {@code -Pnightly} and with {@code -Dnative}, not in the default build, where
 * {@link ReturnFileDeliveryTest} runs the same cases in-process, suite-tests follows the same path over the packaged
 * jars, and the module's {@code *OperationsIT} is the packaged smoke test.
 */
@QuarkusIntegrationTest
@Tag("nightly")
class ReturnFileDeliveryIT extends ReturnFileDeliveryTest {
}
