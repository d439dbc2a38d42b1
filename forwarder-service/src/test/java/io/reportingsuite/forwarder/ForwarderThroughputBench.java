package io.reportingsuite.forwarder;

import static org.awaitility.Awaitility.await;

import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.Received;
import io.reportingsuite.simulator.engine.SkatSimulator;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Throughput of forsendelser through AMQP → forwarder (packaged, child process) → JMS → simulator, next to
 * the same broker's own JMS producer/consumer throughput with the same message size, persistence and
 * per-message commit, measured in the same run. Not part of the normal build; run with
 * {@code mvn -B -pl forwarder-service -am verify -Dtest=NoUnit -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ForwarderThroughputBench} (forsendelser: {@code -Dbench.count=N}). Writes
 * {@code target/benchmark.txt}.
 */
class ForwarderThroughputBench {

    private static final int COUNT = Integer.getInteger("bench.count", 2000);
    private static final String BASELINE_QUEUE = "BENCH.BASELINE";

    @Test
    void forsendelser_per_second_against_the_brokers_own_throughput() throws Exception {
        DevStack stack = SharedDevStack.get();
        SkatSimulator skat = SkatSide.simulator();
        byte[] sample = Forsendelser.valid(Forsendelser.newId());

        double baseline = baseline(stack, sample.length, COUNT);

        List<String> ids = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String id = Forsendelser.newId();
            ids.add(id);
            bodies.add(Forsendelser.valid(id));
        }
        Set<String> mine = Set.copyOf(ids);
        double pipeline;
        try (SuiteBus bus = new SuiteBus();
             ForwarderProcess forwarder = ForwarderProcess.start(stack, "forwarder-bench")) {
            // warm-up outside the measurement
            String warm = Forsendelser.newId();
            bus.send(Forsendelser.valid(warm), Forsendelser.properties(warm));
            await().atMost(Duration.ofSeconds(30)).until(() -> skat.received().stream()
                    .anyMatch(r -> r.hovedIndberetningId().equals(warm)));

            long start = System.nanoTime();
            for (int i = 0; i < COUNT; i++) {
                bus.send(bodies.get(i), Forsendelser.properties(ids.get(i)));
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> skat.received()
                    .stream().map(Received::hovedIndberetningId).filter(mine::contains).distinct().count() == COUNT);
            pipeline = COUNT / ((System.nanoTime() - start) / 1e9);
        }
        String report = String.format("forsendelser=%d bytes=%d%n"
                        + "baseline (Artemis JMS producer+consumer, persistent, commit per message): %.0f msg/s%n"
                        + "pipeline (AMQP -> forwarder -> JMS EP_SK1 -> simulator): %.0f forsendelser/s%n"
                        + "ratio pipeline/baseline: %.2f%n",
                COUNT, sample.length, baseline, pipeline, pipeline / baseline);
        Files.writeString(Path.of("target", "benchmark.txt"), report);
        System.out.print(report);
    }

    /** One producer and one consumer on SKAT's MQ at the same time, as the forwarder and simulator are. */
    private static double baseline(DevStack stack, int size, int count) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(stack.skatBroker().url());
        byte[] body = new byte[size];
        AtomicInteger consumed = new AtomicInteger();
        try (Connection producerConnection = factory.createConnection();
             Connection consumerConnection = factory.createConnection()) {
            consumerConnection.start();
            Session consumerSession = consumerConnection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = consumerSession.createConsumer(consumerSession.createQueue(BASELINE_QUEUE));
            Thread reader = new Thread(() -> {
                try {
                    while (consumed.get() < count) {
                        if (consumer.receive(1_000) != null) {
                            consumerSession.commit();
                            consumed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Session session = producerConnection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(BASELINE_QUEUE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < 200; i++) {
                send(session, producer, body);
            }
            consumed.set(-200);
            long start = System.nanoTime();
            reader.start();
            for (int i = 0; i < count; i++) {
                send(session, producer, body);
            }
            reader.join();
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void send(Session session, MessageProducer producer, byte[] body) throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(body);
        producer.send(m);
        session.commit();
    }
}
