package io.reportingsuite.forwarder.messaging;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A thread that keeps one JMS connection to SKAT's MQ and runs a consumer on it, reconnecting with a short
 * back-off whenever SKAT's MQ goes away. The work runs until {@link #stop()}.
 */
final class JmsLoop {

    private static final Logger LOG = Logger.getLogger(JmsLoop.class);
    private static final Duration RECONNECT = Duration.ofMillis(500);

    interface Work {
        /** Consumes until {@code loop.running()} turns false; throwing reconnects. */
        void run(Connection connection, JmsLoop loop) throws JMSException;
    }

    private final Thread thread;
    private volatile boolean running = true;

    JmsLoop(String name, ConnectionFactory factory, Work work) {
        thread = new Thread(() -> {
            while (running) {
                try (Connection c = factory.createConnection()) {
                    c.start();
                    work.run(c, this);
                } catch (JMSException | RuntimeException e) {
                    if (running) {
                        LOG.warnf("%s: SKAT MQ unavailable or message failed (%s); reconnecting", name,
                                e.getClass().getSimpleName());
                        pause();
                    }
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean running() {
        return running;
    }

    void stop() {
        stop(Duration.ofSeconds(10));
    }

    /** The work takes nothing new from now on; {@link #stop(Duration)} waits for what it is doing. */
    void requestStop() {
        running = false;
    }

    /** Lets the work finish what it is doing and waits up to {@code atMost}; whether the thread ended. */
    boolean stop(Duration atMost) {
        requestStop();
        try {
            thread.join(Math.max(1, atMost.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
