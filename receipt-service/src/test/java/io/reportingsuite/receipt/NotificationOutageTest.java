package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.FreePorts;
import io.reportingsuite.receipt.soap.CaseSystemStub;
import io.reportingsuite.support.retention.RetentionJob;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * First half of the restart scenario: KY's notification endpoint is down (nothing listens on its port).
 * The file is written at once; the notification stays in the delivery log and is retried with back-off.
 * KY's SOAP retention warning fails too, so its file is not recorded as warned.
 */
@QuarkusTest
@TestProfile(NotificationOutageTest.EndpointDown.class)
@QuarkusTestResource(ReceiptTestResource.class)
class NotificationOutageTest {

    /** KY's notification endpoint points at a port nobody listens on. */
    public static class EndpointDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.case-systems.KY.notification-endpoint",
                    "http://127.0.0.1:" + FreePorts.next() + "/soap/casesystem");
        }
    }

    @Inject
    CaseSystemStub caseSystem;

    @Inject
    MeterRegistry metrics;

    @Inject
    RetentionJob retention;

    @Test
    void theFileIsThereAndTheNotificationIsRetriedWhileTheEndpointIsDown() throws Exception {
        byte[] body = Samples.sumkvittering(OutageScenario.ID, "KOMBIT_KY", "31500028");
        try (AmqpTestClient amqp = new AmqpTestClient()) {
            amqp.sendRetur("SUMKVITTERING", OutageScenario.ID, "29800014", "KY", "skat-" + UUID.randomUUID(),
                    UUID.randomUUID().toString(), body);
        }
        OutageScenario.markPublished();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> ReturnFileDeliveryTest.filesOf("KY_STYRETSFTP", OutageScenario.ID).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String row = OutageScenario.row();
            return row != null && row.startsWith("PENDING/") && Integer.parseInt(row.substring(8)) >= 2;
        });
        assertThat(caseSystem.receivedFor(OutageScenario.ID)).isEmpty();
        // The backlog gauges show the waiting notification, and the failed attempts are counted.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metrics.get("receipt.notification.backlog").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(metrics.get("receipt.notification.backlog.oldest.seconds").gauge().value()).isPositive();
        });
        assertThat(metrics.get("receipt.notification.attempts").tag("outcome", "failed").counter().count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRetentionWarningThatCannotBeSentIsNotCountedAsSent() throws Exception {
        Files.createDirectories(OutageScenario.RETENTION_FILE.getParent());
        Files.write(OutageScenario.RETENTION_FILE, "0123456789".getBytes());
        Files.setLastModifiedTime(OutageScenario.RETENTION_FILE,
                FileTime.from(Instant.now().minus(Duration.ofDays(22))));

        assertThat(retention.run().warned()).doesNotContain(OutageScenario.RETENTION_FILE);
        assertThat(retention.run().warned()).as("tried again, still down").doesNotContain(OutageScenario.RETENTION_FILE);
        assertThat(caseSystem.retentionWarnings()).noneMatch(w -> w.fileNames()
                .contains(OutageScenario.RETENTION_FILE.getFileName().toString()));
    }
}
