package io.reportingsuite.receipt;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * EP_FS3 against the packaged application (JVM jar; with {@code -Dnative} the native executable): AMQP in, the
 * return file over MINA SSHD's SFTP server, the case system's SOAP notification (CXF client and endpoint).
 */
@QuarkusIntegrationTest
class ReturnFileDeliveryIT extends ReturnFileDeliveryTest {
}
