package io.reportingsuite.forwarder.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Opens {@link SkatMqSender}'s connection to SKAT's MQ behind a circuit breaker (MicroProfile Fault
 * Tolerance). While SKAT's MQ is unreachable each connection attempt takes the client's connect time (≈ 2 s
 * here) and the attempts of every sender queue up behind one another, so a burst of forsendelser was
 * re-queued one per attempt and the retry window stretched to (forsendelser × connect time): the 2026-12-07
 * SKAT-outage experiment saw the 9001s come ≈ 8 s apart. With the breaker, one failed attempt opens it; for
 * its delay every further send fails at once as "unreachable" (a {@code CircuitBreakerOpenException}, which
 * the sender turns into a {@link JMSException}) and is re-queued with its back-off; then one attempt tries
 * again. Tunable without a rebuild by MicroProfile Fault Tolerance's configuration, e.g.
 * {@code io.reportingsuite.forwarder.messaging.SkatMqConnections/open/CircuitBreaker/delay=5000}.
 */
@ApplicationScoped
public class SkatMqConnections {

    private final ConnectionFactory factory;

    @Inject
    public SkatMqConnections(@Identifier("skat") ConnectionFactory factory) {
        this.factory = factory;
    }

    @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 2, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, failOn = {JMSException.class, RuntimeException.class})
    public Connection open() throws JMSException {
        return factory.createConnection();
    }
}
