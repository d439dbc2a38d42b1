package io.reportingsuite.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.Sha256;
import io.reportingsuite.ingest.messaging.ForsendelsePublisher.NotQueuedException;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.protocol.amqp.broker.AmqpInterceptor;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE §5 when the broker does not confirm the hand-off (issue 14, "refused but delivered"): the
 * forsendelse is stored and handed to the AMQP emitter, the broker is down, the confirmation does not come within
 * {@code ingest.publish-timeout}. The caller is told the outcome is unknown (REST 503 {@code not-confirmed} with
 * Retry-After, SOAP fault {@code NOT_CONFIRMED}) — not refused — because the emitter keeps the message and sends it
 * once the broker is back: then it reaches the queue exactly once, the row becomes QUEUED with one QUEUED event
 * dated at the hand-off, and a resend is answered "accepted" without a second message. The broker is the test's own
 * ({@link OwnBrokerResource}), stopped and started again on the same ports and journal.
 */
@QuarkusTest
@TestProfile(UnconfirmedHandOffTest.ShortTimeout.class)
@QuarkusTestResource(value = OwnBrokerResource.class, restrictToAnnotatedClass = true)
class UnconfirmedHandOffTest {

    /** A short confirmation timeout and a quick reconnect, so the test does not wait for the defaults. */
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.publish-timeout", "2s",
                    "ingest.retry-after", "120s",
                    "mp.messaging.outgoing.forsendelser-out.reconnect-interval", "1",
                    "mp.messaging.outgoing.forsendelser-out.reconnect-attempts", "600");
        }
    }

    private static final String API = "/api/v1/indberetninger";

    @Inject
    ForsendelseRepository repository;

    @Inject
    ForsendelsePublisher publisher;

    @Test
    void notConfirmedIsAnsweredUnknownThenDeliveredOnceRecordedQueuedAndAResendIsAcceptedWithoutASecondMessage()
            throws Exception {
        String rest = Samples.newId('A');
        byte[] restFile = Samples.withId("ky-valid.txt", rest);
        String soap = Samples.newId('B');
        byte[] soapFile = Samples.withId("ksd-valid.txt", soap);

        OwnBrokerResource.stopBroker();
        Instant brokerBack;
        try {
            String problem = given().auth().preemptive().basic("ky", "ky-secret").contentType(ContentType.JSON)
                    .body(json(rest, restFile)).post(API).then().statusCode(503).header("Retry-After", "120")
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:reportingsuite:problem:not-confirmed"),
                            "detail", containsString("unknown"), "detail", containsString("same content again is safe"))
                    .extract().asString();
            assertThat(problem).doesNotContain(new String(restFile, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .substring(0, 40));
            given().auth().preemptive().basic("ksd", "ksd-secret").contentType(Soap.CONTENT_TYPE)
                    .body(Soap.request(soap, soapFile)).post(Soap.PATH).then().statusCode(500)
                    .body("Envelope.Body.Fault.detail.SKATIndberetFault.Code", equalTo("NOT_CONFIRMED"),
                            "Envelope.Body.Fault.faultstring", containsString("unknown"));
            assertThat(state(rest)).isEqualTo(Forsendelse.State.RECEIVED);
            assertThat(state(soap)).isEqualTo(Forsendelse.State.RECEIVED);
        } finally {
            brokerBack = Instant.now();
            OwnBrokerResource.startBroker();
        }

        // The emitter sends what it kept; the late confirmation records it.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(state(rest)).isEqualTo(Forsendelse.State.QUEUED);
            assertThat(state(soap)).isEqualTo(Forsendelse.State.QUEUED);
        });
        assertThat(ForsendelseQueue.take(OwnBrokerResource.coreUrl(), rest, 2_000)).hasSize(1);
        assertThat(ForsendelseQueue.take(OwnBrokerResource.coreUrl(), soap, 500)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath view = given().auth().preemptive().basic("ky", "ky-secret").get(API + "/" + rest).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(view.getList("timeline.step", String.class)).containsExactly("RECEIVED", "VALIDATED", "QUEUED");
            assertThat(Instant.parse(view.getString("timeline.find { it.step == 'QUEUED' }.at")))
                    .as("dated at the hand-off, before the broker was back").isBefore(brokerBack);
        });

        // A resend: answered from the stored row, nothing published again.
        given().auth().preemptive().basic("ky", "ky-secret").contentType(ContentType.JSON)
                .body(json(rest, restFile)).post(API).then().statusCode(202).body("status", equalTo("ACCEPTED"));
        given().auth().preemptive().basic("ksd", "ksd-secret").contentType(Soap.CONTENT_TYPE)
                .body(Soap.request(soap, soapFile)).post(Soap.PATH).then().statusCode(200)
                .body("Envelope.Body.SKATIndberetServiceResponse.Status", equalTo("ACCEPTED"));
        assertThat(ForsendelseQueue.take(OwnBrokerResource.coreUrl(), rest, 1_000)).isEmpty();
        assertThat(ForsendelseQueue.take(OwnBrokerResource.coreUrl(), soap, 500)).isEmpty();
        // Tracking is asynchronous: by now (≥ 1.5 s after the resends) a second QUEUED would have been stored.
        given().auth().preemptive().basic("ky", "ky-secret").get(API + "/" + rest).then()
                .body("timeline.step", equalTo(List.of("RECEIVED", "VALIDATED", "QUEUED")));
    }

    /**
     * What the Styret pipeline does (issue 14, an SFTP forsendelse at SKAT twice): the step times out waiting for
     * the confirmation, is retried and publishes the same forsendelse again while the first copy still waits in
     * the emitter. The retry sends no second copy: it waits for the first. (Sending both, with the same duplicate
     * id to the same address, put both on the queue here: the broker's duplicate cache did not catch two copies
     * arriving back to back after its restart.)
     */
    @Test
    void aRetryAfterAnUnconfirmedPublishReachesTheQueueOnce() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        Forsendelse f = received(id, "SFTP", file);

        OwnBrokerResource.stopBroker();
        NotQueuedException first;
        NotQueuedException retry;
        try {
            first = catchNotQueued(() -> publisher.publish(f, "KOMBIT_KY", file));
            retry = catchNotQueued(() -> publisher.publish(f, "KOMBIT_KY", file));
        } finally {
            OwnBrokerResource.startBroker();
        }
        assertThat(first.outcomeUnknown()).isTrue();
        assertThat(retry.outcomeUnknown()).isTrue();
        // The one copy is sent once the broker is back, and confirms both calls.
        CompletableFuture.allOf(first.lateConfirmation().toCompletableFuture(),
                retry.lateConfirmation().toCompletableFuture()).get(90, TimeUnit.SECONDS);
        assertThat(ForsendelseQueue.take(OwnBrokerResource.coreUrl(), id, 2_000)).hasSize(1);
    }

    /**
     * The connection breaks after the broker took the message off the wire and before its settlement reached ingest
     * (a broker killed at that moment: the one finding of FaultsExperiment's 10,000-forsendelse run). The emitter
     * never hears of that copy again, so a resend must not wait for it forever: once a send handed over after it
     * was accepted, the lost copy is sent again, and the forsendelse reaches the queue once.
     */
    @Test
    void aResendIsNotBlockedByASendWhoseSettlementWentWithABrokenConnection() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        Forsendelse f = received(id, "SOAP", file);
        AtomicBoolean broken = new AtomicBoolean();
        AmqpInterceptor breakAtTheFirstCopy = (message, connection) -> {
            if (id.equals(String.valueOf(message.getObjectProperty(MessageProperties.HOVED_INDBERETNING_ID)))
                    && broken.compareAndSet(false, true)) {
                connection.fail(new ActiveMQException("test: the connection breaks before the settlement"));
                return false;
            }
            return true;
        };
        OwnBrokerResource.addInterceptor(breakAtTheFirstCopy);
        NotQueuedException first;
        try {
            first = catchNotQueued(() -> publisher.publish(f, "KOMBIT_KY", file));
        } finally {
            OwnBrokerResource.removeInterceptor(breakAtTheFirstCopy);
        }
        assertThat(broken).isTrue();
        assertThat(first.outcomeUnknown()).isTrue();

        // The channel reconnects and takes other forsendelser.
        String other = Samples.newId('A');
        byte[] otherFile = Samples.withId("ky-valid.txt", other);
        Forsendelse g = received(other, "SOAP", otherFile);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> publisher.publish(g, "KOMBIT_KY", otherFile));

        // The resend is sent and confirmed; one copy on the queue.
        publisher.publish(f, "KOMBIT_KY", file);
        assertThat(ForsendelseQueue.take(OwnBrokerResource.coreUrl(), id, 2_000)).hasSize(1);
        assertThat(ForsendelseQueue.take(OwnBrokerResource.coreUrl(), other, 500)).hasSize(1);
    }

    /** The large path cannot even connect to a stopped broker: a certain refusal, no late confirmation. */
    @Test
    void aLargeForsendelseWhileTheBrokerIsDownIsCertainlyNotQueued() throws Exception {
        String id = Samples.newId('A');
        Path file = Files.createTempFile("styret-", ".txt");
        try {
            try (InputStream in = new EIndkomstGenerator(CaseSystem.KY, id, 120_000)) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Forsendelse f = new Forsendelse(id, Sha256.hex(Files.readAllBytes(file)), "KY", "SFTP", "13748136",
                    Files.size(file), 0, 0, 0, Instant.now(), null, Forsendelse.State.RECEIVED);
            OwnBrokerResource.stopBroker();
            NotQueuedException refused;
            try {
                refused = catchNotQueued(() -> publisher.publishFile(f, "KOMBIT_KY", file));
            } finally {
                OwnBrokerResource.startBroker();
            }
            assertThat(refused.outcomeUnknown()).isFalse();
            assertThat(refused.lateConfirmation().toCompletableFuture()).isNotDone();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface Publish {
        void run() throws Exception;
    }

    private static NotQueuedException catchNotQueued(Publish publish) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(publish::run).isInstanceOf(NotQueuedException.class).satisfies(t -> thrown[0] = t);
        return (NotQueuedException) thrown[0];
    }

    /** A stored KY forsendelse of {@code ky-valid.txt} (12 records), as the submission path hands it over. */
    private static Forsendelse received(String id, String channel, byte[] file) {
        return new Forsendelse(id, Sha256.hex(file), "KY", channel, "13748136", file.length, 12, 0, 0, Instant.now(),
                null, Forsendelse.State.RECEIVED);
    }

    private Forsendelse.State state(String id) throws Exception {
        return repository.find(id).orElseThrow().state();
    }

    private static Map<String, String> json(String id, byte[] file) {
        return Map.of("hovedIndberetningId", id, "indberetning", Base64.getEncoder().encodeToString(file));
    }
}
