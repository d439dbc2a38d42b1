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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Throughput of forsendelser through AMQP → forwarder (packaged, child process) → JMS → simulator, next to
 * the same broker's own JMS producer/consumer throughput with the same message size, persistence and
 * per-message commit, measured in the same run: with one AMQP send at a time (the next only after the
 * broker settled the one before) and with {@value #WINDOW} in flight, as ingest's concurrent submissions send. Not part of the normal build; run with
 * {@code mvn -B -pl forwarder-service -am verify -Dtest=NoUnit -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ForwarderThroughputBench} (forsendelser: {@code -Dbench.count=N}). Writes
 * {@code target/benchmark.txt}.
 */
class ForwarderThroughputBench {

    private static final int COUNT = Integer.getInteger("bench.count", 2000);
    private static final String BASELINE_QUEUE = "BENCH.BASELINE";
    /** AMQP sends kept in flight in the concurrent measurement. */
    private static final int WINDOW = 32;

    @Test
    void forsendelser_per_second_against_the_brokers_own_throughput() throws Exception {
        DevStack stack = SharedDevStack.get();
        SkatSimulator skat = SkatSide.simulator();
        byte[] sample = Forsendelser.valid(Forsendelser.newId());

        double baseline = baseline(stack, sample.length, COUNT);

        StringBuilder report = new StringBuilder(String.format("forsendelser=%d bytes=%d%n"
                + "baseline (Artemis JMS producer+consumer, persistent, commit per message): %.0f msg/s%n",
                COUNT, sample.length, baseline));
        try (SuiteBus bus = new SuiteBus();
             ForwarderProcess forwarder = ForwarderProcess.start(stack, "forwarder-bench")) {
            // warm-up outside the measurement
            String warm = Forsendelser.newId();
            bus.send(Forsendelser.valid(warm), Forsendelser.properties(warm));
            await().atMost(Duration.ofSeconds(30)).until(() -> skat.received().stream()
                    .anyMatch(r -> r.hovedIndberetningId().equals(warm)));
            for (int window : new int[] {1, WINDOW}) {
                double pipeline = pipeline(bus, skat, window);
                report.append(String.format("pipeline (AMQP -> forwarder -> JMS EP_SK1 -> simulator), %d AMQP"
                        + " send(s) in flight: %.0f forsendelser/s, ratio %.2f%n", window, pipeline, pipeline / baseline));
            }
        }
        Files.writeString(Path.of("target", "benchmark.txt"), report);
        System.out.print(report);
    }

    /**
     * Forsendelser per second from the first AMQP send until the simulator has them all. {@code window} 1 sends
     * each after the broker settled the one before (one producer, as before); more keeps that many settlements
     * outstanding, as ingest's concurrent submissions do.
     */
    private static double pipeline(SuiteBus bus, SkatSimulator skat, int window) throws Exception {
        List<String> ids = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String id = Forsendelser.newId();
            ids.add(id);
            bodies.add(Forsendelser.valid(id));
        }
        Set<String> mine = Set.copyOf(ids);
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        long start = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            if (inFlight.size() >= window) {
                inFlight.poll().get(20, TimeUnit.SECONDS);
            }
            inFlight.add(bus.sendAsync(bodies.get(i), Forsendelser.properties(ids.get(i))));
        }
        for (CompletableFuture<Void> f : inFlight) {
            f.get(20, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> skat.received()
                .stream().map(Received::hovedIndberetningId).filter(mine::contains).distinct().count() == COUNT);
        return COUNT / ((System.nanoTime() - start) / 1e9);
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
