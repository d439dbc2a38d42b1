package io.reportingsuite.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.contracts.skattekort.SkattekortReader;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.SkatAnswers;
import io.reportingsuite.simulator.engine.SkatAnswersTest;
import io.restassured.http.ContentType;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator as the forwarder sees it: JMS on SKAT's MQ (devstack's second broker), plus its admin API. */
@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class SkatSimulatorTest {

    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws JMSException {
        connection = new ActiveMQConnectionFactory(SharedDevStack.get().skatBroker().url()).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        given().delete("/api/v1/admin/state").then().statusCode(204);
    }

    @AfterEach
    void disconnect() throws JMSException {
        connection.close();
    }

    @Test
    void forsendelse_is_answered_on_ep_sk2_and_ep_sk3_and_listed_without_payload() throws Exception {
        String id = newId();
        byte[] body = SkatAnswersTest.file(id).build();
        String messageId = send(id, body);

        Message status = receive(SkatMq.EP_SK2_DEFAULT, id);
        assertThat(status.getStringProperty(SkatMq.STATUS)).isEqualTo("RECEIVED");
        assertThat(status.getJMSCorrelationID()).isEqualTo(messageId);

        List<BytesMessage> documents = receiveAll(SkatMq.EP_SK3_DEFAULT, id, 2);
        assertThat(documents.get(0).getStringProperty(MessageProperties.FORSENDELSE_TYPE))
                .isEqualTo(ForsendelseType.SUMKVITTERING.name());
        assertThat(documents.get(0).getStringProperty(MessageProperties.SE_NUMMER)).isEqualTo(SkatAnswersTest.SE_KY);
        assertThat(Sumkvittering.parse(bytes(documents.get(0))).start().status()).isEqualTo('M');
        assertThat(documents.get(1).getStringProperty(MessageProperties.FORSENDELSE_TYPE))
                .isEqualTo(ForsendelseType.SKATTEKORT.name());
        assertThat(new SkattekortReader().read(bytes(documents.get(1))).skattekort()).hasSize(1);

        String listing = given().get("/api/v1/admin/received").then().statusCode(200)
                .body("received[0].hovedIndberetningId", equalTo(id))
                .body("received[0].bytes", equalTo(body.length))
                .body("received[0].records", equalTo(11))
                .body("received[0].sha256", equalTo(sha256(body)))
                .extract().asString();
        assertThat(listing).doesNotContain(SkatAnswersTest.CPR);
    }

    @Test
    void a_large_message_is_read_streaming_and_answered_as_the_same_bytes_in_memory_would_be() throws Exception {
        String id = newId();
        // ~5 MB: an Artemis large message (above the client's 100 KiB) and above the simulator's in-memory limit
        byte[] body = new EIndkomstGenerator(CaseSystem.KY, id, 110_000).readAllBytes();
        SkatAnswers.Answer expected = SkatAnswers.answer(body, false, LocalDate.now());
        MessageProducer producer = session.createProducer(session.createQueue(SkatMq.EP_SK1_DEFAULT));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        BytesMessage m = session.createBytesMessage();
        m.setStringProperty(MessageProperties.HOVED_INDBERETNING_ID, id);
        m.setObjectProperty("JMS_AMQ_InputStream", new ByteArrayInputStream(body));
        producer.send(m);

        assertThat(receive(SkatMq.EP_SK2_DEFAULT, id).getStringProperty(SkatMq.STATUS)).isEqualTo("RECEIVED");
        List<BytesMessage> documents = receiveAll(SkatMq.EP_SK3_DEFAULT, id, expected.documents().size());
        for (int i = 0; i < documents.size(); i++) {
            assertThat(documents.get(i).getStringProperty(MessageProperties.FORSENDELSE_TYPE))
                    .isEqualTo(expected.documents().get(i).type().name());
            assertThat(bytes(documents.get(i))).isEqualTo(expected.documents().get(i).body());
        }
        given().get("/api/v1/admin/received").then().statusCode(200)
                .body("received[0].hovedIndberetningId", equalTo(id))
                .body("received[0].bytes", equalTo(body.length))
                .body("received[0].records", equalTo(110_000))
                .body("received[0].sha256", equalTo(sha256(body)));
    }

    @Test
    void same_hoved_indberetning_id_again_is_rejected_as_already_received() throws Exception {
        String id = newId();
        send(id, SkatAnswersTest.file(id).build());
        receiveAll(SkatMq.EP_SK3_DEFAULT, id, 2);

        send(id, SkatAnswersTest.file(id).build());

        BytesMessage advice = receiveAll(SkatMq.EP_SK3_DEFAULT, id, 1).get(0);
        assertThat(advice.getStringProperty(MessageProperties.FORSENDELSE_TYPE))
                .isEqualTo(ForsendelseType.FEJLADVISERING.name());
        assertThat(Fejladvisering.parse(bytes(advice)).fejl().get(0).fejlnr())
                .isEqualTo(SkatAnswers.FEJLNR_ALREADY_RECEIVED);
    }

    @Test
    void unsolicited_skattekort_change_has_no_hoved_indberetning_id() throws Exception {
        String response = given().contentType(ContentType.JSON)
                .body("{\"cpr\":\"" + SkatAnswersTest.CPR + "\",\"abonnentSe\":\"" + SkatAnswersTest.SE_KOMMUNE + "\"}")
                .post("/api/v1/admin/skattekort").then().statusCode(202)
                .body("skattekortLoebenummer", equalTo(2))
                .extract().asString();
        assertThat(response).doesNotContain(SkatAnswersTest.CPR);

        MessageConsumer consumer = session.createConsumer(session.createQueue(SkatMq.EP_SK3_DEFAULT),
                MessageProperties.HOVED_INDBERETNING_ID + " IS NULL AND " + MessageProperties.SE_NUMMER + " = '"
                        + SkatAnswersTest.SE_KOMMUNE + "'");
        BytesMessage m = (BytesMessage) consumer.receive(10_000);
        consumer.close();
        assertThat(m).isNotNull();
        assertThat(new SkattekortReader().read(bytes(m)).forsendelse().skattekort().get(0).skattekortLoebenummer())
                .isEqualTo(2);
    }

    @Test
    void unreachable_simulator_leaves_forsendelser_waiting_then_answers() throws Exception {
        // Long enough that no load on the machine can end it by itself; the test ends it explicitly.
        given().contentType(ContentType.JSON).body("{\"seconds\":300}").post("/api/v1/admin/unreachable")
                .then().statusCode(200).body("unreachable", equalTo(true));
        String id = newId();
        send(id, SkatAnswersTest.file(id).build());

        MessageConsumer consumer = session.createConsumer(session.createQueue(SkatMq.EP_SK2_DEFAULT),
                MessageProperties.HOVED_INDBERETNING_ID + " = '" + id + "'");
        assertThat(consumer.receive(1_000)).as("no answer while unreachable").isNull();
        given().contentType(ContentType.JSON).body("{\"seconds\":0}").post("/api/v1/admin/unreachable")
                .then().statusCode(200).body("unreachable", equalTo(false));
        assertThat(consumer.receive(15_000)).as("answered once reachable again").isNotNull();
        consumer.close();
    }

    private String send(String id, byte[] body) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(SkatMq.EP_SK1_DEFAULT));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(body);
        m.setStringProperty(MessageProperties.HOVED_INDBERETNING_ID, id);
        m.setStringProperty(MessageProperties.FORSENDELSE_TYPE, ForsendelseType.INDBERETNING.name());
        producer.send(m);
        producer.close();
        return m.getJMSMessageID();
    }

    private Message receive(String queue, String id) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                MessageProperties.HOVED_INDBERETNING_ID + " = '" + id + "'");
        Message m = consumer.receive(10_000);
        consumer.close();
        assertThat(m).as("message on " + queue).isNotNull();
        return m;
    }

    private List<BytesMessage> receiveAll(String queue, String id, int count) throws JMSException {
        List<BytesMessage> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add((BytesMessage) receive(queue, id));
        }
        return all;
    }

    static byte[] bytes(BytesMessage m) throws JMSException {
        byte[] b = new byte[(int) m.getBodyLength()];
        m.readBytes(b);
        return b;
    }

    static String newId() {
        return "A" + String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
    }

    static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
