package io.reportingsuite.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.receipt.returfile.Delivery;
import io.reportingsuite.receipt.returfile.DeliveryLog;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * receipt-service's meters move: a sumkvittering is written and its notification delivered (attempts by
 * outcome; the backlog gauge counts the delivery log's pending rows, this one no longer among them), and the SFTP server of EP_FS3 counts
 * the session, the download with its bytes, a refused login and a refused write — tagged {@code server=receipt},
 * never with a user or file name.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class ReceiptMetricsTest {

    @Inject
    MeterRegistry registry;

    @Inject
    DeliveryLog deliveries;

    @Test
    void a_delivered_notification_and_the_sftp_download_are_counted() throws Exception {
        double delivered = counter("receipt.notification.attempts", "outcome", "delivered");
        double sessions = counter("sftp.sessions.opened", "server", "receipt");
        double downloads = counter("sftp.transfers", "server", "receipt", "operation", "download", "result", "ok");
        double bytes = counter("sftp.transfer.bytes", "server", "receipt", "operation", "download");
        double loginsRefused = counter("sftp.logins.refused", "server", "receipt");
        double refused = counter("sftp.requests.refused", "server", "receipt");

        String id = Samples.id('A');
        byte[] body = Samples.sumkvittering(id, "KOMBIT_KY", "31500028");
        try (AmqpTestClient amqp = new AmqpTestClient()) {
            amqp.sendRetur("SUMKVITTERING", id, "29800014", "KY", "skat-" + UUID.randomUUID(),
                    UUID.randomUUID().toString(), body);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ReturnFileDeliveryTest.filesOf("KY_STYRETSFTP", id).size() == 1);
        String name = ReturnFileDeliveryTest.filesOf("KY_STYRETSFTP", id).get(0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(counter("receipt.notification.attempts", "outcome", "delivered")).isGreaterThan(delivered);
            // The gauge is the delivery log's PENDING rows (other test classes may have left some behind).
            assertThat(gauge("receipt.notification.backlog"))
                    .isEqualTo(deliveries.inState(Delivery.State.PENDING, 10_000).size());
            assertThat(deliveries.inState(Delivery.State.PENDING, 10_000))
                    .noneMatch(d -> d.hovedIndberetningId().equals(id));
        });

        try (SftpTestClient ky = new SftpTestClient("KY_STYRETSFTP", TestKeys.of("KY_STYRETSFTP"))) {
            assertThat(ky.download("/" + name)).isEqualTo(body);
            assertThat(gauge("sftp.sessions.active", "server", "receipt")).isGreaterThanOrEqualTo(1);
            assertThatThrownBy(() -> ky.upload("/written-by-ky.txt", new byte[] {1})).isInstanceOf(Exception.class);
        }
        assertThatThrownBy(() -> new SftpTestClient("KY_STYRETSFTP", TestKeys.of("stranger")).close());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(counter("sftp.sessions.opened", "server", "receipt")).isGreaterThanOrEqualTo(sessions + 1);
            assertThat(counter("sftp.transfers", "server", "receipt", "operation", "download", "result", "ok"))
                    .isEqualTo(downloads + 1);
            assertThat(counter("sftp.transfer.bytes", "server", "receipt", "operation", "download"))
                    .isEqualTo(bytes + body.length);
            assertThat(counter("sftp.logins.refused", "server", "receipt")).isGreaterThan(loginsRefused);
            assertThat(counter("sftp.requests.refused", "server", "receipt")).isGreaterThan(refused);
        });
        registry.getMeters().forEach(m -> m.getId().getTags().forEach(t ->
                assertThat(t.getValue()).doesNotContain(id, "KY_STYRETSFTP")));
    }

    private double counter(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        assertThat(g).as(name).isNotNull();
        return g.value();
    }
}
