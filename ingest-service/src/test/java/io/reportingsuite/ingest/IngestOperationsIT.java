package io.reportingsuite.ingest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Health, metrics and OpenAPI of the packaged application (JVM jar; with {@code -Dnative} the executable). */
@QuarkusIntegrationTest
class IngestOperationsIT extends IngestOperationsTest {
}
