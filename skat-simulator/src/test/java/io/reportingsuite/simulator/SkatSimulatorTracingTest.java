package io.reportingsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.SkatAnswersTest;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SKAT's answer continues the forwarder's trace: an EP_SK1 message with W3C trace context in its JMS
 * properties ({@code traceparent}) is processed in a span of that trace, and its EP_SK2 status and EP_SK3
 * documents carry the trace on, with that span as parent.
 */
@QuarkusTest
@QuarkusTestResource(DevStackTestResource.class)
class SkatSimulatorTracingTest {

    @Inject
    InMemorySpanExporter spans;

    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws JMSException {
        connection = new ActiveMQConnectionFactory(SharedDevStack.get().skatBroker().url()).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        spans.reset();
    }

    @AfterEach
    void disconnect() throws JMSException {
        connection.close();
    }

    @Test
    void answers_on_ep_sk2_and_ep_sk3_continue_the_trace_of_the_ep_sk1_message() throws Exception {
        String id = SkatSimulatorTest.newId();
        String traceId = hex(16);
        String forwarderSpanId = hex(8);
        MessageProducer producer = session.createProducer(session.createQueue(SkatMq.EP_SK1_DEFAULT));
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(SkatAnswersTest.file(id).build());
        m.setStringProperty(MessageProperties.HOVED_INDBERETNING_ID, id);
        m.setStringProperty(MessageProperties.FORSENDELSE_TYPE, ForsendelseType.INDBERETNING.name());
        m.setStringProperty("traceparent", "00-" + traceId + "-" + forwarderSpanId + "-01");
        producer.send(m);
        producer.close();

        SpanData skat = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("EP_SK1 process") && s.getTraceId().equals(traceId))
                .findFirst().orElse(null), s -> s != null);
        assertThat(skat.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(skat.getParentSpanId()).isEqualTo(forwarderSpanId);
        assertThat(skat.getParentSpanContext().isRemote()).isTrue();
        assertThat(continuation(receive(SkatMq.EP_SK2_DEFAULT, id), traceId)).isEqualTo(skat.getSpanId());
        for (int i = 0; i < 2; i++) {
            assertThat(continuation(receive(SkatMq.EP_SK3_DEFAULT, id), traceId)).as("EP_SK3 document %d", i + 1)
                    .isEqualTo(skat.getSpanId());
        }
        assertThat(skat.getAttributes().asMap().values()).allSatisfy(value -> assertThat(value.toString())
                .doesNotContain(SkatAnswersTest.CPR));
    }

    @Test
    void a_message_without_trace_context_starts_a_trace_of_its_own() throws Exception {
        String id = SkatSimulatorTest.newId();
        MessageProducer producer = session.createProducer(session.createQueue(SkatMq.EP_SK1_DEFAULT));
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(SkatAnswersTest.file(id).build());
        m.setStringProperty(MessageProperties.HOVED_INDBERETNING_ID, id);
        producer.send(m);
        producer.close();

        String traceparent = receive(SkatMq.EP_SK2_DEFAULT, id).getStringProperty("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.substring(3, 35);
        SpanData skat = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("EP_SK1 process") && s.getTraceId().equals(traceId))
                .findFirst().orElse(null), s -> s != null);
        assertThat(skat.getParentSpanContext().isValid()).isFalse();
    }

    /**
     * The "EP_SK1 process" span an answer continues: its traceparent names that span or (when the JMS client
     * is traced too, as quarkus-artemis-jms does with OpenTelemetry present) its publish span, a child of it.
     */
    private String continuation(Message answer, String traceId) throws JMSException {
        String traceparent = answer.getStringProperty("traceparent");
        assertThat(traceparent).as("traceparent of an answer").startsWith("00-" + traceId + "-");
        String spanId = traceparent.substring(36, 52);
        SpanData span = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(spanId)).findFirst().orElse(null), s -> s != null);
        return span.getName().equals("EP_SK1 process") ? span.getSpanId() : span.getParentSpanId();
    }

    private Message receive(String queue, String id) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                MessageProperties.HOVED_INDBERETNING_ID + " = '" + id + "'");
        Message m = consumer.receive(10_000);
        consumer.close();
        assertThat(m).as("message on " + queue).isNotNull();
        return m;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
