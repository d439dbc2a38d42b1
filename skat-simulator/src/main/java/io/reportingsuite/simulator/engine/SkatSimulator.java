package io.reportingsuite.simulator.engine;

import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.Sha256;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.contracts.skattekort.Skattekort;
import io.reportingsuite.skatmq.tracing.SkatMqTraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SKAT eIndkomst behind its MQ (plain JMS, so tests of other modules can run the very same simulator):
 * takes each EP_SK1 message in a transaction, sends its EP_SK2 status and, delayed by
 * {@link SimulatorSettings#answerDelay()} (JMS delivery delay, so nothing is held in memory), its EP_SK3
 * documents as {@link SkatAnswers} decides, and commits all of it at once. Reads EP_SK4. Keeps the set of
 * HovedIndberetningIDs it has received, in memory, for the "already received" rule.
 */
public final class SkatSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SkatSimulator.class.getName());
    private static final Duration RECONNECT = Duration.ofMillis(500);
    private static final long RECEIVE_TIMEOUT_MS = 200;
    /** EP_SK1 bodies up to this size are read into memory; larger ones (large messages) go through a file. */
    static final long IN_MEMORY_LIMIT = 1024 * 1024;

    private final ConnectionFactory factory;
    private final SimulatorSettings settings;
    private final Clock clock;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Deque<Received> ledger = new ArrayDeque<>();
    private final Map<String, Integer> loebenummer = new ConcurrentHashMap<>();
    private final Map<SkatMq.Status, AtomicLong> returnStatuses = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile Instant unreachableUntil = Instant.MIN;
    private volatile Tracer tracer = OpenTelemetry.noop().getTracer(SkatSimulator.class.getName());

    public SkatSimulator(ConnectionFactory factory, SimulatorSettings settings, Clock clock) {
        this.factory = factory;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Traces each EP_SK1 message in a span that continues the trace context it carries (SkatMqTraceContext)
     * and puts that context on its EP_SK2 and EP_SK3 answers. Without this the context still passes through.
     */
    public void tracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SkatSimulator.class.getName());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.consumers(); i++) {
            threads.add(daemon("skat-sim-ep-sk1-" + i, () -> loop(this::takeForsendelser)));
        }
        threads.add(daemon("skat-sim-ep-sk4", () -> loop(this::takeReturnStatuses)));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public synchronized void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    /** SKAT stops answering until {@code now + duration}: EP_SK1 messages wait on the queue. */
    public void unreachableFor(Duration duration) {
        unreachableUntil = clock.instant().plus(duration);
    }

    public Instant unreachableUntil() {
        return unreachableUntil;
    }

    public boolean isUnreachable() {
        return clock.instant().isBefore(unreachableUntil);
    }

    /** The received forsendelser, newest last (bounded by {@link SimulatorSettings#ledgerSize()}). */
    public List<Received> received() {
        synchronized (ledger) {
            return List.copyOf(ledger);
        }
    }

    /** EP_SK4 statuses taken so far, by status. */
    public Map<SkatMq.Status, Long> returnStatuses() {
        Map<SkatMq.Status, Long> counts = new java.util.EnumMap<>(SkatMq.Status.class);
        returnStatuses.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** Forgets everything: received ids (so a resend is new again), the list, the counters. */
    public void clear() {
        seen.clear();
        synchronized (ledger) {
            ledger.clear();
        }
        loebenummer.clear();
        returnStatuses.clear();
        unreachableUntil = Instant.MIN;
    }

    /**
     * Sends an unsolicited skattekort change for a CPR (SKAT's forskudsopgørelse, SPEC §2.8 IF02 step 4): a
     * hovedkort from today with the next løbenummer for this CPR and subscriber.
     *
     * @return the card sent (its toString() leaves out the CPR)
     */
    public Skattekort sendSkattekortChange(String cpr, String abonnentSe) throws JMSException {
        int next = loebenummer.merge(cpr + "/" + abonnentSe, 2, (old, one) -> old + 1);
        Skattekort card = DeterministicSkattekort.of(cpr, abonnentSe, "1", LocalDate.now(clock), next);
        SkatAnswers.ReturnDocument doc = SkatAnswers.unsolicited(card);
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(settings.returnDataQueue()));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(document(s, doc));
            s.commit();
        }
        return card;
    }

    private interface Work {
        void run(Connection connection) throws JMSException;
    }

    /** Keeps a connection and its work alive; reconnects after any failure of SKAT's MQ. */
    private void loop(Work work) {
        while (running) {
            try (Connection c = factory.createConnection()) {
                c.start();
                work.run(c);
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "SKAT MQ connection lost (" + e.getClass().getSimpleName()
                            + "); reconnecting");
                    pause(RECONNECT);
                }
            }
        }
    }

    private void takeForsendelser(Connection c) throws JMSException {
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = s.createConsumer(s.createQueue(settings.dataQueue()));
        MessageProducer producer = s.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        var status = s.createQueue(settings.statusQueue());
        var returns = s.createQueue(settings.returnDataQueue());
        while (running) {
            if (isUnreachable()) {
                pause(Duration.ofMillis(RECEIVE_TIMEOUT_MS));
                continue;
            }
            Message m = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (m == null) {
                continue;
            }
            if (isUnreachable()) {
                // Taken by a receive that began before SKAT was switched off: it goes back to wait on EP_SK1.
                s.rollback();
                continue;
            }
            Body body = Body.of(m);
            String id = body.hovedIndberetningId();
            boolean first = !id.isEmpty() && seen.add(id);
            SkatMqTraceContext.Received traced = SkatMqTraceContext.received(tracer, "EP_SK1", m);
            try {
                SkatAnswers.Answer answer = body.answer(!id.isEmpty() && !first, LocalDate.now(clock));
                Message st = s.createMessage();
                st.setJMSCorrelationID(m.getJMSMessageID());
                st.setStringProperty(SkatMq.STATUS, answer.status().name());
                if (answer.reason() != null) {
                    st.setStringProperty(SkatMq.REASON, answer.reason());
                }
                String property = m.getStringProperty(MessageProperties.HOVED_INDBERETNING_ID);
                String statusId = answer.hovedIndberetningId().isEmpty() ? property : answer.hovedIndberetningId();
                if (statusId != null) {
                    st.setStringProperty(MessageProperties.HOVED_INDBERETNING_ID, statusId);
                }
                producer.setDeliveryDelay(0);
                SkatMqTraceContext.inject(Context.current(), st);
                producer.send(status, st);
                producer.setDeliveryDelay(settings.answerDelay().toMillis());
                for (SkatAnswers.ReturnDocument doc : answer.documents()) {
                    producer.send(returns, document(s, doc));
                }
                s.commit();
                traced.close();
                remember(new Received(answer.hovedIndberetningId(), m.getJMSMessageID(), body.size(),
                        answer.records(), body.sha256(), answer.status().name(), answer.documents().size(),
                        !id.isEmpty() && !first, clock.instant()));
                LOG.log(System.Logger.Level.INFO, "EP_SK1 " + statusId + ": " + answer.status() + ", "
                        + answer.documents().size() + " EP_SK3 document(s)");
            } catch (JMSException | RuntimeException e) {
                traced.failed(e);
                if (first) {
                    seen.remove(id);
                }
                s.rollback();
                throw e;
            } finally {
                body.discard();
            }
        }
    }

    private void takeReturnStatuses(Connection c) throws JMSException {
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(settings.returnStatusQueue()));
        while (running) {
            Message m = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (m != null) {
                SkatMq.Status status = status(m.getStringProperty(SkatMq.STATUS));
                returnStatuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /** An EP_SK4 status; anything unreadable counts as FAILED. */
    private static SkatMq.Status status(String value) {
        try {
            return value == null ? SkatMq.Status.FAILED : SkatMq.Status.valueOf(value);
        } catch (IllegalArgumentException e) {
            return SkatMq.Status.FAILED;
        }
    }

    private static BytesMessage document(Session s, SkatAnswers.ReturnDocument doc) throws JMSException {
        BytesMessage out = s.createBytesMessage();
        out.writeBytes(doc.body());
        out.setStringProperty(MessageProperties.FORSENDELSE_TYPE, doc.type().name());
        if (doc.hovedIndberetningId() != null) {
            out.setStringProperty(MessageProperties.HOVED_INDBERETNING_ID, doc.hovedIndberetningId());
        }
        out.setStringProperty(MessageProperties.SE_NUMMER, doc.seNummer());
        SkatMqTraceContext.inject(Context.current(), out);
        return out;
    }

    /**
     * An EP_SK1 body: in memory up to {@link #IN_MEMORY_LIMIT}; a large message (a large forsendelse from the
     * forwarder) is streamed into a temporary file and hashed on the way, so SKAT never holds it, and answered
     * from the file in streaming passes.
     */
    private record Body(byte[] bytes, Path file, long size, String sha256) {

        /** Artemis sets it on a large message: the body's size. */
        private static final String LARGE_SIZE = "_AMQ_LARGE_SIZE";
        private static final String SAVE_STREAM = "JMS_AMQ_SaveStream";

        static Body of(Message m) throws JMSException {
            if (!(m instanceof BytesMessage b)) {
                return new Body(new byte[0], null, 0, Sha256.hex(new byte[0]));
            }
            if (!m.propertyExists(LARGE_SIZE) && b.getBodyLength() <= IN_MEMORY_LIMIT) {
                byte[] bytes = new byte[(int) b.getBodyLength()];
                b.readBytes(bytes);
                return new Body(bytes, null, bytes.length, Sha256.hex(bytes));
            }
            Path file = null;
            try {
                file = Files.createTempFile("skat-ep-sk1-", ".part");
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long[] count = {0};
                try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                        64 * 1024), sha) {
                    @Override
                    public void write(byte[] data, int off, int len) throws IOException {
                        count[0] += len;
                        super.write(data, off, len);
                    }

                    @Override
                    public void write(int one) throws IOException {
                        count[0]++;
                        super.write(one);
                    }
                }) {
                    m.setObjectProperty(SAVE_STREAM, out);
                }
                return new Body(null, file, count[0], HexFormat.of().formatHex(sha.digest()));
            } catch (IOException | NoSuchAlgorithmException | JMSException | RuntimeException e) {
                delete(file);
                if (e instanceof JMSException j) {
                    throw j;
                }
                throw new IllegalStateException("EP_SK1 body could not be saved (" + e.getClass().getSimpleName()
                        + ")", e);
            }
        }

        String hovedIndberetningId() {
            try {
                return file == null ? SkatAnswers.hovedIndberetningId(bytes) : SkatAnswers.hovedIndberetningId(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        SkatAnswers.Answer answer(boolean alreadyReceived, LocalDate today) {
            try {
                return file == null ? SkatAnswers.answer(bytes, alreadyReceived, today)
                        : SkatAnswers.answer(file, alreadyReceived, today);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void discard() {
            delete(file);
        }

        private static void delete(Path file) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "temporary EP_SK1 file not deleted ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
        }
    }

    private void remember(Received r) {
        synchronized (ledger) {
            ledger.addLast(r);
            while (ledger.size() > settings.ledgerSize()) {
                ledger.removeFirst();
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
