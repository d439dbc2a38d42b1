package io.reportingsuite.support.sftp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * The meters of one embedded SFTP server on {@code /q/metrics}, tagged {@code server} (e.g. {@code styret},
 * {@code receipt}): {@code sftp_sessions_opened_total}, {@code sftp_sessions_active}, {@code
 * sftp_logins_refused_total}, {@code sftp_requests_refused_total}, {@code sftp_transfers_total} by {@code operation} (upload / download) and
 * {@code result} (ok / failed / refused), {@code sftp_transfer_bytes_total} by {@code operation}. No user,
 * file name or path is a tag. {@link SftpServers#create} registers it as a session listener when the
 * server's {@link SftpAudit} has one; the audit counts the transfers it logs.
 */
public final class SftpMetrics implements SessionListener {

    private final MeterRegistry registry;
    private final String server;
    private final Counter opened;
    private final Counter loginsRefused;
    private final Counter requestsRefused;
    private final AtomicInteger active = new AtomicInteger();

    /** @param server a fixed name of the server, the {@code server} tag */
    public SftpMetrics(MeterRegistry registry, String server) {
        this.registry = registry;
        this.server = server;
        opened = Counter.builder("sftp.sessions.opened").description("SSH sessions opened on the SFTP server")
                .tag("server", server).register(registry);
        loginsRefused = Counter.builder("sftp.logins.refused")
                .description("SFTP logins refused (unknown key, too many sessions)").tag("server", server)
                .register(registry);
        requestsRefused = Counter.builder("sftp.requests.refused")
                .description("SFTP requests refused by the area's policy (path, name, size, operation)")
                .tag("server", server).register(registry);
        Gauge.builder("sftp.sessions.active", active, AtomicInteger::get)
                .description("SSH sessions open on the SFTP server now").tag("server", server).register(registry);
    }

    @Override
    public void sessionCreated(Session session) {
        opened.increment();
        active.incrementAndGet();
    }

    @Override
    public void sessionClosed(Session session) {
        active.decrementAndGet();
    }

    void loginRefused() {
        loginsRefused.increment();
    }

    void requestRefused() {
        requestsRefused.increment();
    }

    /** One closed transfer: {@code operation} upload or download, {@code result} ok, failed or refused. */
    void transfer(String operation, String result, long bytes) {
        registry.counter("sftp.transfers", "server", server, "operation", operation, "result",
                result.toLowerCase(Locale.ROOT)).increment();
        if (bytes > 0) {
            registry.counter("sftp.transfer.bytes", "server", server, "operation", operation).increment(bytes);
        }
    }

    /** The sessions open now (tests). */
    int active() {
        return active.get();
    }
}
