package io.reportingsuite.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reportingsuite.devstack.DevStack;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.Received;
import io.reportingsuite.simulator.engine.SkatSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE §5 for the forwarder, against the packaged application in a child process (a Quarkus test
 * cannot kill itself): killed abruptly mid-stream it loses nothing (every forsendelse reaches SKAT at least
 * once), and a graceful restart under load sends nothing twice.
 *
 * <p>"Sends nothing twice" is counted at the JMS level, not only in what SKAT kept: devstack's SKAT MQ drops a
 * resend by its duplicate id, so the simulator alone would not see one; every send the forwarder made to
 * EP_SK1 that the broker refused as a duplicate is also counted ({@code forwarder_forsendelser_resent_total},
 * read from each process' {@code /q/metrics} before it stops), because SKAT's real MQ would have delivered it.
 */
class ForwarderCrashIT {

    private static final int FORSENDELSER = 1000;
    /** Sends SKAT's MQ refused as duplicates: a second JMS send of one forsendelse. */
    private static final String RESENT = "forwarder_forsendelser_resent_total";

    private static DevStack stack;
    private static SkatSimulator skat;
    private static SuiteBus bus;

    @BeforeAll
    static void start() throws Exception {
        stack = SharedDevStack.get();
        skat = SkatSide.simulator();
        bus = new SuiteBus();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void killed_abruptly_mid_stream_loses_nothing() throws Exception {
        List<String> ids = newIds();
        sendAll(ids);
        try (ForwarderProcess first = ForwarderProcess.start(stack, "forwarder-kill-1")) {
            awaitReceived(ids, 20);
            first.kill();
        }
        int beforeRestart = receivedOnce(ids).size();
        assertThat(beforeRestart).as("killed mid-stream").isLessThan(FORSENDELSER);

        try (ForwarderProcess second = ForwarderProcess.start(stack, "forwarder-kill-2")) {
            awaitReceived(ids, FORSENDELSER);
            // the resent copies too, so none is left over for the next test to count
            awaitForsendelserQueueEmpty();
        }
        assertThat(receivedOnce(ids).keySet()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void graceful_restart_under_load_sends_nothing_twice() throws Exception {
        List<String> ids = newIds();
        sendAll(ids);
        double resends;
        try (ForwarderProcess first = ForwarderProcess.start(stack, "forwarder-restart-1")) {
            awaitReceived(ids, 20);
            resends = first.metric(RESENT);
            first.stop();
        }
        assertThat(receivedOnce(ids).size()).as("stopped mid-stream").isLessThan(FORSENDELSER);

        try (ForwarderProcess second = ForwarderProcess.start(stack, "forwarder-restart-2")) {
            awaitReceived(ids, FORSENDELSER);
            awaitForsendelserQueueEmpty();
            resends += second.metric(RESENT);
            second.stop();
        }
        Map<String, Long> counts = receivedOnce(ids);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(counts.values()).as("times each forsendelse reached SKAT").containsOnly(1L);
        assertThat(resends).as("sends to EP_SK1 that only SKAT's duplicate detection kept from arriving twice")
                .isZero();
    }

    private static List<String> newIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < FORSENDELSER; i++) {
            ids.add(Forsendelser.newId());
        }
        return ids;
    }

    private static void sendAll(List<String> ids) throws Exception {
        for (String id : ids) {
            bus.send(Forsendelser.valid(id), Forsendelser.properties(id));
        }
    }

    private static void awaitReceived(List<String> ids, int atLeast) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> receivedOnce(ids).size() >= atLeast);
    }

    /** Every redelivered copy is settled too (so a resend counter has seen each resend there was). */
    private static void awaitForsendelserQueueEmpty() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> stack.broker().queues().stream()
                        .filter(q -> q.queue().equals(io.reportingsuite.contracts.messaging.Addresses.FORSENDELSER))
                        .allMatch(q -> q.messages() == 0));
    }

    /** How often SKAT received each of {@code ids} (a resend is a second ledger entry). */
    private static Map<String, Long> receivedOnce(List<String> ids) {
        Set<String> mine = Set.copyOf(ids);
        return skat.received().stream().map(Received::hovedIndberetningId).filter(mine::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
