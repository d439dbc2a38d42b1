package io.reportingsuite.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ingest-service's business meters move with real submissions: accepted by channel (and a resend as such),
 * refused by channel, refusal family and rule code, records validated, bytes in, the received → QUEUED timer,
 * and the received → later-step timer fed by the tracking events (here QUEUED, which ingest itself reports).
 * The tags hold no id and nothing from the payload.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class IngestMetricsTest {

    private static final String API = "/api/v1/indberetninger";

    @Inject
    MeterRegistry registry;

    @Test
    void an_accepted_rest_submission_and_its_resend_are_counted_with_records_bytes_and_queueing_time() {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        double accepted = counter("ingest.submissions.accepted", "channel", "rest", "resend", "false");
        double resent = counter("ingest.submissions.accepted", "channel", "rest", "resend", "true");
        double records = counter("ingest.records.validated", "channel", "rest");
        double bytes = counter("ingest.received.bytes", "channel", "rest");
        long queued = timerCount("ingest.submission.queueing", "channel", "rest");
        long sinceReceived = timerCount("ingest.forsendelse.since.received", "step", "QUEUED");

        Map<String, String> body = Map.of("hovedIndberetningId", id, "indberetning",
                Base64.getEncoder().encodeToString(file));
        given().auth().preemptive().basic("ky", "ky-secret").contentType(ContentType.JSON).body(body).post(API)
                .then().statusCode(202);
        given().auth().preemptive().basic("ky", "ky-secret").contentType(ContentType.JSON).body(body).post(API)
                .then().statusCode(202);

        assertThat(counter("ingest.submissions.accepted", "channel", "rest", "resend", "false")).isEqualTo(accepted + 1);
        assertThat(counter("ingest.submissions.accepted", "channel", "rest", "resend", "true")).isEqualTo(resent + 1);
        // ky-valid.txt holds 12 records; both requests were validated and both brought the file.
        assertThat(counter("ingest.records.validated", "channel", "rest")).isEqualTo(records + 24);
        assertThat(counter("ingest.received.bytes", "channel", "rest")).isEqualTo(bytes + 2.0 * file.length);
        Timer timer = registry.find("ingest.submission.queueing").tag("channel", "rest").timer();
        assertThat(timer.count()).isEqualTo(queued + 1);
        assertThat(timer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(0);
        // The QUEUED tracking event comes back through suite.tracking and is timed from received_at.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(timerCount("ingest.forsendelse.since.received", "step", "QUEUED"))
                        .isGreaterThan(sinceReceived));
    }

    @Test
    void refusals_are_counted_by_channel_family_and_rule() {
        double content = counter("ingest.submissions.refused", "channel", "rest", "reason", "content", "rule", "E08");
        double security = counter("ingest.submissions.refused", "channel", "soap", "reason", "security", "rule",
                "S01");

        // The request id must equal record 1000 field 12 (rule E08).
        String id = Samples.newId('A');
        String other = Samples.newId('A');
        given().auth().preemptive().basic("ky", "ky-secret").contentType("text/plain; charset=ISO-8859-1")
                .header("HovedIndberetningID", other).body(Samples.withId("ky-valid.txt", id)).post(API)
                .then().statusCode(422);
        // KY submitting under KSD's prefix: refused (S01) on SOAP.
        String foreign = Samples.newId('B');
        given().auth().preemptive().basic("ky", "ky-secret").contentType(Soap.CONTENT_TYPE)
                .body(Soap.request(foreign, Samples.withId("ky-valid.txt", foreign))).post(Soap.PATH);

        assertThat(counter("ingest.submissions.refused", "channel", "rest", "reason", "content", "rule", "E08"))
                .isEqualTo(content + 1);
        assertThat(counter("ingest.submissions.refused", "channel", "soap", "reason", "security", "rule", "S01"))
                .isEqualTo(security + 1);
        // No meter carries a HovedIndberetningID in a tag.
        registry.getMeters().forEach(m -> m.getId().getTags().forEach(t ->
                assertThat(t.getValue()).doesNotContain(id, other, foreign)));
    }

    private double counter(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private long timerCount(String name, String... tags) {
        Timer t = registry.find(name).tags(tags).timer();
        return t == null ? 0 : t.count();
    }
}
