package io.reportingsuite.forwarder.messaging;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Counts the forsendelser between their arrival and the settlement of their AMQP acknowledgement, and closes
 * the door for a graceful shutdown: after {@link #close} nothing new is admitted, and {@link #close} returns
 * when the last admitted forsendelse is settled (or the time is up).
 */
final class InFlight {

    private int admitted;
    private boolean closed;

    /** Admits a forsendelse; false once closing: it must then be left unsettled, the broker redelivers it. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        admitted++;
        return true;
    }

    /** Counts the forsendelse out when its acknowledgement (or nack) is settled. */
    <T> CompletionStage<T> leaveWhenDone(CompletionStage<T> settlement) {
        return settlement.whenComplete((result, failure) -> leave());
    }

    private synchronized void leave() {
        admitted--;
        notifyAll();
    }

    /**
     * Admits nothing more and waits until every admitted forsendelse is settled.
     *
     * @return how many were still unsettled when {@code timeout} ran out (0: all drained)
     */
    synchronized int close(Duration timeout) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (admitted > 0 && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return admitted;
    }
}
