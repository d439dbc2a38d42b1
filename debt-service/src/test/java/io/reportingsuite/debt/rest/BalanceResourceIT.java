package io.reportingsuite.debt.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The REST balance API and the JSON ledger import against the packaged application (JVM jar; with
 * {@code -Dnative} the native executable): Jackson on the records both ways, over the network.
 */
@QuarkusIntegrationTest
class BalanceResourceIT extends BalanceResourceTest {
}
