package io.reportingsuite.receipt.sftp;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.receipt.config.ReceiptAreas;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.sftp.PolicySftpSubsystemFactory;
import io.reportingsuite.support.sftp.ReadAndDeleteOnly;
import io.reportingsuite.support.sftp.SftpAudit;
import io.reportingsuite.support.sftp.SftpMetrics;
import io.reportingsuite.support.sftp.SftpServers;
import io.reportingsuite.support.sftp.SftpUserKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.sshd.server.SshServer;
import org.jboss.logging.Logger;

/**
 * The embedded SFTP server of EP_FS3, built by service-support's {@link SftpServers} (the set-up ingest's Styret
 * SFTP server shares). Each case system logs in as its SFTP user with its own key (no passwords), is chrooted to
 * its own folder and may list, download and delete there, nothing else ({@link ReadAndDeleteOnly}); every
 * operation is audited in the category {@code receipt.sftp.audit}. The host key is kept under the data
 * directory, so clients can pin it.
 */
@ApplicationScoped
public class ReturnFileSftpServer {

    private static final Logger LOG = Logger.getLogger(ReturnFileSftpServer.class);

    private final CaseSystemRegistry registry;
    private final ReceiptAreas areas;
    private final ReceiptConfig config;
    private final MeterRegistry metrics;
    private SshServer server;
    private Map<String, Path> generatedKeys = Map.of();

    public ReturnFileSftpServer(CaseSystemRegistry registry, ReceiptAreas areas, ReceiptConfig config,
                                MeterRegistry metrics) {
        this.registry = registry;
        this.areas = areas;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) throws IOException, GeneralSecurityException {
        if (!config.sftp().enabled()) {
            return;
        }
        SftpUserKeys.Resolved keys = SftpUserKeys.resolve(registry, config.dataDir(),
                config.sftp().generateDevKeys(), "receipt-service-dev");
        generatedKeys = keys.generated();
        Map<String, Path> homes = new LinkedHashMap<>();
        for (RegisteredSystem system : registry.all()) {
            homes.put(system.sftpUser(), areas.folderOf(system));
        }
        Files.createDirectories(areas.quarantine());
        SftpAudit audit = new SftpAudit("receipt.sftp.audit", new SftpMetrics(metrics, "receipt"));
        server = SftpServers.create(new SftpServers.Settings(config.sftp().host(), config.sftp().port(),
                config.dataDir().resolve(SftpServers.HOST_KEY_FILE), config.sftp().idleTimeout(),
                config.sftp().maxSessionsPerUser()), keys.keys(), homes,
                new PolicySftpSubsystemFactory(audit, false, null, new ReadAndDeleteOnly(audit)), audit);
        server.start();
        LOG.infof("SFTP server for return files on %s:%d, users %s", config.sftp().host(), port(),
                keys.keys().keySet());
        writeConnectionFile();
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getPort();
    }

    /**
     * {@code <data-dir>/sftp-users.txt}: one line per case system, {@code SYSTEM USER HOST PORT PRIVATE-KEY}
     * ({@code -} when the key is not one we generated), read by scripts/endpoints.d/30-receipt-sftp.sh.
     */
    private void writeConnectionFile() throws IOException {
        SftpServers.writeConnectionFile(config.dataDir(), "receipt-service SFTP users", registry.all(), generatedKeys, config.sftp().host(), port());
    }
}
