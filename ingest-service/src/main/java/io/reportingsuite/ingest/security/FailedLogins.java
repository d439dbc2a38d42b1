package io.reportingsuite.ingest.security;

import io.reportingsuite.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Failed logins per client address in a fixed window ({@code ingest.failed-logins.*}): after
 * {@code max-failures} failures within {@code window} the client is refused ({@code 429}, {@code Retry-After})
 * until that window ends, whatever credentials it sends. Kept in memory per instance; the table is bounded
 * by dropping ended windows once it holds {@code max-clients} entries.
 */
@ApplicationScoped
public class FailedLogins {

    private record Window(Instant start, int failures) {
    }

    private final ConcurrentMap<String, Window> clients = new ConcurrentHashMap<>();
    private final IngestConfig.FailedLoginsConfig config;
    private final Clock clock;

    public FailedLogins(IngestConfig config, Clock clock) {
        this.config = config.failedLogins();
        this.clock = clock;
    }

    /** How long this client is still refused, or empty when it may try. */
    public Optional<Duration> blockedFor(String client) {
        Window w = clients.get(client);
        if (w == null || w.failures() < config.maxFailures()) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), w.start().plus(config.window()));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Counts one failed login of this client. */
    public void failed(String client) {
        Instant now = clock.instant();
        if (clients.size() >= config.maxClients()) {
            clients.values().removeIf(w -> ended(w, now));
        }
        clients.compute(client, (k, w) -> w == null || ended(w, now) ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
    }

    private boolean ended(Window w, Instant now) {
        return !now.isBefore(w.start().plus(config.window()));
    }
}
