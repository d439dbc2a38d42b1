package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.receipt.soap.CaseSystemStub;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher drains: with the poll interval at one hour (so no scheduled run comes during the test) and
 * passes of 5, three side by side, a burst of return files is notified completely and once each — started by the file writer's wake-up, and
 * carried on by full passes and by wake-ups that arrive during a run. Before, a run sent one batch and the
 * rest waited for the next poll.
 */
@QuarkusTest
@TestProfile(NotificationDrainTest.HourlyPollSmallPasses.class)
@QuarkusTestResource(ReceiptTestResource.class)
class NotificationDrainTest {

    private static final int FILES = 37;

    public static class HourlyPollSmallPasses implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("receipt.notification.poll-interval", "1h", "receipt.notification.batch-size", "5",
                    "receipt.notification.concurrency", "3");
        }
    }

    @Inject
    CaseSystemStub caseSystem;

    @Inject
    MeterRegistry metrics;

    @Test
    void aBurstOfReturnFilesIsNotifiedWithoutWaitingForThePoll() {
        List<String> ids = new ArrayList<>();
        try (AmqpTestClient amqp = new AmqpTestClient()) {
            for (int i = 0; i < FILES; i++) {
                String id = Samples.id('A');
                ids.add(id);
                amqp.sendRetur("SUMKVITTERING", id, "29800014", "KY", "skat-" + UUID.randomUUID(),
                        UUID.randomUUID().toString(), Samples.sumkvittering(id, "KOMBIT_KY", "31500028"));
            }
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids)
                .allSatisfy(id -> assertThat(caseSystem.receivedFor(id)).as("notifications for one file").hasSize(1)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                metrics.get("receipt.notification.backlog").gauge().value() == 0.0);
        // Side-by-side passes lock different rows: still one notification per file once everything is quiet.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ids)
                .allSatisfy(id -> assertThat(caseSystem.receivedFor(id)).hasSize(1)));
        assertThat(metrics.get("receipt.notification.attempts").tag("outcome", "delivered").counter().count())
                .isGreaterThanOrEqualTo(FILES);
    }
}
