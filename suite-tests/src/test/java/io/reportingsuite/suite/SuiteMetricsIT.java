package io.reportingsuite.suite;

import static io.reportingsuite.suite.CaseSystem.KSD;
import static io.reportingsuite.suite.CaseSystem.KY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reportingsuite.contracts.debt.DemoLedger;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's scrape: after a flow — KY by SOAP, KSD by REST, each through SKAT to its notified sumkvittering,
 * KY's fetched by SFTP — every service's {@code /q/metrics} exposes the business metrics with plausible values:
 * the channels used counted, records and bytes in, the times from receipt to each later step (at least the
 * simulator's 2 s answer delay to SKAT's answer), SKAT's answer latency, an empty retry window, the
 * notification backlog, SFTP sessions and transfers per server. No series carries a HovedIndberetningID.
 * debt-service's query metrics by context and result after real queries (its own test: debt starts only for it).
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

    /**
     * debt-service (started for this test; other ITs may query it too, so counts are compared before and after):
     * {@code debt_queries_total} by channel, legal context and result after real REST and SOAP queries against
     * demo-ledger employers of this test's own — found (OK), unknown (NOT_FOUND), a context the consumer may not
     * ask about (NOT_AUTHORIZED) — and no employer number in any series.
     */
    @Test
    void debt_service_exposes_its_query_metrics_by_context_and_result(Suite suite) throws Exception {
        suite.startDebtService();
        ByteArrayOutputStream ledger = new ByteArrayOutputStream();
        DemoLedger.write(ledger, "suite-metrics-it-" + System.currentTimeMillis(), DEBT_FIRST, 12, LocalDate.now(), 8);
        assertThat(given().auth().preemptive().basic("ledger", "ledger-secret").contentType("application/json")
                .body(ledger.toByteArray()).post(suite.debtUrl() + "/api/v1/ledger/imports").statusCode())
                .as("demo ledger import").isIn(200, 201);
        String known = DemoLedger.companyId(DEBT_FIRST);
        String unknown = DemoLedger.companyId(DEBT_FIRST + 500_000);
        String[][] series = {
            {"rest", "PUBLIC_PROCUREMENT", "OK"}, {"rest", "PUBLIC_PROCUREMENT", "NOT_FOUND"},
            {"rest", "ART_30BIS", "NOT_AUTHORIZED"}, {"soap", "ART_30BIS", "OK"}, {"soap", "ART_30BIS", "NOT_FOUND"}};
        PrometheusText before = PrometheusText.scrape(suite.debtUrl());

        balance(suite, "telemarc", known, "PUBLIC_PROCUREMENT", 200);
        balance(suite, "telemarc", unknown, "PUBLIC_PROCUREMENT", 404);
        balance(suite, "telemarc", known, "ART_30BIS", 403);
        String soap = given().auth().preemptive().basic("inspector", "inspector-secret")
                .contentType("text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .body(employerAccountBalance("ART_30BIS", known, unknown))
                .post(suite.debtUrl() + "/soap/EmployerAccountBalance").then().statusCode(200).extract().asString();
        assertThat(soap).contains(">OK<").contains(">NOT_FOUND<");

        PrometheusText after = PrometheusText.scrape(suite.debtUrl());
        for (String[] s : series) {
            String[] labels = {"channel", s[0], "legal_context", s[1], "result", s[2]};
            double was = before.find("debt_queries_total", labels).isEmpty() ? 0 : before.sum("debt_queries_total", labels);
            assertThat(after.sum("debt_queries_total", labels)).as(String.join("/", s)).isGreaterThanOrEqualTo(was + 1);
        }
        assertThat(after.find("debt_queries_total")).allSatisfy(q -> assertThat(q.labels().keySet())
                .containsExactlyInAnyOrder("channel", "legal_context", "result"));
        assertNoIds(after, known, unknown);
    }

    /** The demo-ledger employers of this test: far from those BatchChannelFlowIT and ./suite up load (0..). */
    private static final int DEBT_FIRST = 7000;

    private static void balance(Suite suite, String consumer, String company, String context, int status) {
        given().auth().preemptive().basic(consumer, consumer + "-secret")
                .get(suite.debtUrl() + "/api/v1/employers/" + company + "/balance?legalContext=" + context)
                .then().statusCode(status);
    }

    /** An EmployerAccountBalance SOAP request for {@code companies} (one RequestDetail each). */
    private static String employerAccountBalance(String context, String... companies) {
        StringBuilder details = new StringBuilder();
        for (String company : companies) {
            details.append("<eab:RequestDetail><eab:EmployerId><eab:CompanyID>").append(company)
                    .append("</eab:CompanyID></eab:EmployerId></eab:RequestDetail>");
        }
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:eab=\"http://socialsecurity.be/xml/ns/accountbalance\"><soapenv:Body><eab:EmployerAccountBalance>"
                + "<eab:Request><eab:RequestInformation><eab:Consumer><eab:CompanyID>0316381039</eab:CompanyID>"
                + "</eab:Consumer></eab:RequestInformation><eab:LegalContextInformation><eab:LegalContext>" + context
                + "</eab:LegalContext></eab:LegalContextInformation>" + details
                + "</eab:Request></eab:EmployerAccountBalance></soapenv:Body></soapenv:Envelope>";
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
