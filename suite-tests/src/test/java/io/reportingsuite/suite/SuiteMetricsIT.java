package io.reportingsuite.suite;

import static io.reportingsuite.suite.CaseSystem.KSD;
import static io.reportingsuite.suite.CaseSystem.KY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's scrape: after a flow — KY by SOAP, KSD by REST, each through SKAT to its notified sumkvittering,
 * KY's fetched by SFTP — every service's {@code /q/metrics} exposes the business metrics with plausible values:
 * the channels used counted, records and bytes in, the times from receipt to each later step (at least the
 * simulator's 2 s answer delay to SKAT's answer), SKAT's answer latency, an empty retry window, the
 * notification backlog, SFTP sessions and transfers per server. No series carries a HovedIndberetningID.
 */
@ExtendWith(RunningSuite.class)
class SuiteMetricsIT {

    @Test
    void every_service_exposes_its_business_metrics_after_a_flow(Suite suite) throws Exception {
        SuiteApi api = new SuiteApi(suite);
        String kyId = Forsendelser.newId(KY);
        byte[] ky = Forsendelser.sample(suite, KY, kyId);
        String ksdId = Forsendelser.newId(KSD);
        byte[] ksd = Forsendelser.sample(suite, KSD, ksdId);
        assertThat(api.submitBySoap(KY, kyId, ky)).isEqualTo("ACCEPTED");
        assertThat(api.submitByRest(KSD, ksdId, ksd)).isEqualTo(202);
        String kyFile = ReturnFiles.awaitOne(suite, KY, kyId, "SUMKVIT", SumkvitteringFlowIT.FLOW);
        ReturnFiles.awaitOne(suite, KSD, ksdId, "SUMKVIT", SumkvitteringFlowIT.FLOW);
        byte[] sumkvittering = ReturnFiles.download(suite, KY, kyFile);
        for (CaseSystem system : new CaseSystem[] {KY, KSD}) {
            String id = system == KY ? kyId : ksdId;
            await().atMost(SumkvitteringFlowIT.FLOW).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.timeline(system, id), steps -> steps.contains("CASE_SYSTEM_NOTIFIED"));
        }

        // ingest-service: both channels, records, bytes, received → QUEUED, received → each later step.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            PrometheusText ingest = PrometheusText.scrape(suite.ingestUrl());
            assertThat(ingest.sum("ingest_submissions_accepted_total", "channel", "soap", "resend", "false"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(ingest.sum("ingest_submissions_accepted_total", "channel", "rest", "resend", "false"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(ingest.sum("ingest_records_validated_total", "channel", "soap")).isGreaterThanOrEqualTo(12);
            assertThat(ingest.sum("ingest_received_bytes_total", "channel", "soap")).isGreaterThanOrEqualTo(ky.length);
            assertThat(ingest.sum("ingest_received_bytes_total", "channel", "rest")).isGreaterThanOrEqualTo(ksd.length);
            assertThat(ingest.sum("ingest_submission_queueing_seconds_count", "channel", "soap")).isGreaterThanOrEqualTo(1);
            assertThat(mean(ingest, "ingest_submission_queueing_seconds", "channel", "soap")).isBetween(0.0, 30.0);
            for (String step : new String[] {"QUEUED", "SENT_TO_SKAT", "RETURN_RECEIVED", "RETURN_FILE_WRITTEN",
                    "CASE_SYSTEM_NOTIFIED"}) {
                assertThat(ingest.sum("ingest_forsendelse_since_received_seconds_count", "step", step)).as(step)
                        .isGreaterThanOrEqualTo(2);
            }
            // SKAT (the simulator) answers 2 s after it received a forsendelse: nothing is back sooner.
            assertThat(mean(ingest, "ingest_forsendelse_since_received_seconds", "step", "RETURN_FILE_WRITTEN"))
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(mean(ingest, "ingest_forsendelse_since_received_seconds", "step", "CASE_SYSTEM_NOTIFIED"))
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(ingest.find("sftp_sessions_active", "server", "styret")).isNotEmpty();
            assertThat(ingest.find("sftp_sessions_opened_total", "server", "styret")).isNotEmpty();
            assertNoIds(ingest, kyId, ksdId);
        });

        // forwarder-service: sent, SKAT's answer latency (≥ the simulator's 2 s), an empty retry window.
        PrometheusText forwarder = PrometheusText.scrape(suite.forwarderUrl());
        assertThat(forwarder.sum("forwarder_forsendelser_sent_total")).isGreaterThanOrEqualTo(2);
        assertThat(forwarder.sum("forwarder_returns_forwarded_total")).isGreaterThanOrEqualTo(2);
        assertThat(forwarder.sum("forwarder_skat_answer_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(mean(forwarder, "forwarder_skat_answer_seconds")).isBetween(2.0, 300.0);
        assertThat(forwarder.sum("forwarder_retry_window_forsendelser")).isZero();
        assertThat(forwarder.sum("forwarder_retry_window_oldest_seconds")).isZero();
        assertThat(forwarder.sum("forwarder_retry_window_limit_seconds")).isEqualTo(4 * 3600);
        assertThat(forwarder.find("forwarder_forsendelser_retried_total")).isNotEmpty();
        assertNoIds(forwarder, kyId, ksdId);

        // receipt-service: return files per system, notifications delivered, the backlog, SFTP of EP_FS3.
        PrometheusText receipt = PrometheusText.scrape(suite.receiptUrl());
        assertThat(receipt.sum("receipt_return_files_total", "type", "SUMKVIT", "system", "KY")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.sum("receipt_return_files_total", "type", "SUMKVIT", "system", "KSD")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.sum("receipt_notification_attempts_total", "outcome", "delivered")).isGreaterThanOrEqualTo(2);
        assertThat(receipt.sum("receipt_notification_backlog")).isGreaterThanOrEqualTo(0);
        assertThat(receipt.find("receipt_notification_backlog_oldest_seconds")).isNotEmpty();
        assertThat(receipt.sum("sftp_sessions_opened_total", "server", "receipt")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.sum("sftp_transfers_total", "server", "receipt", "operation", "download", "result", "ok"))
                .isGreaterThanOrEqualTo(1);
        assertThat(receipt.sum("sftp_transfer_bytes_total", "server", "receipt", "operation", "download"))
                .isGreaterThanOrEqualTo(sumkvittering.length);
        assertNoIds(receipt, kyId, ksdId);

        // skat-simulator: no business meters of its own, but its /q/metrics answers.
        assertThat(PrometheusText.scrape(suite.simulatorUrl()).find("jvm_memory_used_bytes")).isNotEmpty();
    }

    /** sum / count of a timer's series. */
    private static double mean(PrometheusText scrape, String timer, String... labels) {
        return scrape.sum(timer + "_sum", labels) / scrape.sum(timer + "_count", labels);
    }

    private static void assertNoIds(PrometheusText scrape, String... ids) {
        assertThat(scrape.all()).allSatisfy(s -> assertThat(s.labels().values())
                .allSatisfy(v -> assertThat(v).doesNotContain(ids)));
    }
}
