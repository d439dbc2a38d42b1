package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.receipt.soap.CaseSystemStub;
import io.reportingsuite.support.retention.RetentionJob;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Second half of the restart scenario: a new application start (its own profile), whose KY endpoint is
 * reachable, delivers the notification the previous start could not, from the delivery log alone, and the
 * retention warning that failed goes out on the next run, once.
 */
@QuarkusTest
@TestProfile(NotificationRecoveryTest.EndpointBack.class)
@QuarkusTestResource(ReceiptTestResource.class)
class NotificationRecoveryTest {

    /**
     * The normal configuration, as its own profile: Quarkus restarts the application for it and runs it
     * after {@link NotificationOutageTest.EndpointDown} (profiles run in name order, after the tests without one).
     */
    public static class EndpointBack implements QuarkusTestProfile {
    }

    @Inject
    CaseSystemStub caseSystem;

    @Inject
    RetentionJob retention;

    @Test
    void theNotificationIsDeliveredAfterTheRestartExactlyOnce() throws Exception {
        Assumptions.assumeTrue(OutageScenario.published(), "runs after NotificationOutageTest in the same JVM");

        await().atMost(Duration.ofSeconds(20)).until(() -> caseSystem.receivedFor(OutageScenario.ID).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> OutageScenario.row().startsWith("DELIVERED/"));
        assertThat(Integer.parseInt(OutageScenario.row().substring("DELIVERED/".length()))).isGreaterThanOrEqualTo(3);
        CaseSystemStub.Received notification = caseSystem.receivedFor(OutageScenario.ID).get(0);
        assertThat(notification.fileName())
                .isEqualTo(ReturnFileDeliveryTest.filesOf("KY_STYRETSFTP", OutageScenario.ID).get(0));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> caseSystem.receivedFor(OutageScenario.ID).size() == 1);
    }

    @Test
    void theRetentionWarningThatFailedGoesOutOnTheNextRun() throws Exception {
        Assumptions.assumeTrue(Files.exists(OutageScenario.RETENTION_FILE),
                "runs after NotificationOutageTest in the same JVM");
        String name = OutageScenario.RETENTION_FILE.getFileName().toString();

        assertThat(retention.run().warned()).containsExactly(OutageScenario.RETENTION_FILE);
        assertThat(caseSystem.retentionWarnings()).filteredOn(w -> w.fileNames().contains(name)).singleElement()
                .satisfies(w -> assertThat(w.recipients()).containsExactly("KY_STYRETSFTP"));
        assertThat(retention.run().warned()).as("warned once").isEmpty();
        Files.delete(OutageScenario.RETENTION_FILE);
    }
}
