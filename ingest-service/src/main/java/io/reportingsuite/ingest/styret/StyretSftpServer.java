package io.reportingsuite.ingest.styret;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.config.IngestConfig.StyretSftpConfig;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.sftp.PolicySftpSubsystemFactory;
import io.reportingsuite.support.sftp.SftpAudit;
import io.reportingsuite.support.sftp.SftpMetrics;
import io.reportingsuite.support.sftp.SftpRefusal;
import io.reportingsuite.support.sftp.SftpServers;
import io.reportingsuite.support.sftp.SftpUserKeys;
import io.reportingsuite.support.sftp.UploadAreaPolicy;
import io.reportingsuite.support.sftp.UploadTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

/**
 * The Styret SFTP server of EP_FS2 (SPEC §2.4), built by service-support's {@link SftpServers} (the set-up
 * receipt-service's return-file server shares): one user per registered case system ({@code sftp-user}),
 * public-key login only ({@code authorized-keys}, or dev keys in local runs), chrooted to its own upload area
 * ({@link StyretAreas#uploadArea}); the platform folder lies outside every chroot, so no case system sees it.
 * The area's policy is {@link UploadAreaPolicy} with the limits of {@code ingest.styret-sftp.*}, paths are
 * checked as a flat area, and every operation and refusal is audited in the category {@code
 * ingest.sftp.audit}. When the upload of a {@code *.trigger} file closes, {@link TriggerFileUploaded} is fired
 * synchronously; a {@link TriggerRefused} from its observer answers the client's close with {@code
 * SSH_FX_FAILURE} and the text {@code reason: message}.
 */
@ApplicationScoped
public class StyretSftpServer {

    /** Extension of a trigger file (SPEC §2.4: a data file must not have it). */
    public static final String TRIGGER_SUFFIX = ".trigger";

    private static final Logger LOG = Logger.getLogger(StyretSftpServer.class);

    private final CaseSystemRegistry registry;
    private final StyretAreas areas;
    private final IngestConfig config;
    private final StyretUploads uploads;
    private final Event<TriggerFileUploaded> triggers;
    private final MeterRegistry metrics;
    private SshServer server;
    private Map<String, Path> generatedKeys = Map.of();

    public StyretSftpServer(CaseSystemRegistry registry, StyretAreas areas, IngestConfig config,
                            StyretUploads uploads, Event<TriggerFileUploaded> triggers, MeterRegistry metrics) {
        this.registry = registry;
        this.areas = areas;
        this.config = config;
        this.uploads = uploads;
        this.triggers = triggers;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) throws IOException, GeneralSecurityException {
        StyretSftpConfig sftp = config.styretSftp();
        if (!sftp.enabled()) {
            return;
        }
        SftpUserKeys.Resolved keys = SftpUserKeys.resolve(registry, config.dataDir(), sftp.generateDevKeys(),
                "ingest-service-dev");
        generatedKeys = keys.generated();
        Map<String, Path> homes = new LinkedHashMap<>();
        for (RegisteredSystem system : registry.all()) {
            homes.put(system.sftpUser(), areas.uploadArea(system));
        }
        Files.createDirectories(areas.platformFolder());
        SftpAudit audit = new SftpAudit("ingest.sftp.audit", new SftpMetrics(metrics, "styret"));
        UploadAreaPolicy policy = new UploadAreaPolicy(
                new UploadAreaPolicy.Limits(sftp.maxFileSize().asLongValue(), sftp.maxFiles()), uploads.tracker(),
                audit, this::uploaded);
        server = SftpServers.create(new SftpServers.Settings(sftp.host(), sftp.port(),
                config.dataDir().resolve(SftpServers.HOST_KEY_FILE), sftp.idleTimeout(), sftp.maxSessionsPerUser()),
                keys.keys(), homes, new PolicySftpSubsystemFactory(audit, true, policy, policy), audit);
        server.start();
        LOG.infof("Styret SFTP server (EP_FS2) on %s:%d, users %s", sftp.host(), port(), keys.keys().keySet());
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
     * An upload closed cleanly: a trigger file is handed to the notification, synchronously. The suffix is
     * matched ignoring case, as the notification does (it refuses a data file named {@code *.TRIGGER}), so a
     * {@code .TRIGGER} upload notifies instead of lying in the area unnoticed.
     */
    private void uploaded(ServerSession session, String user, String fileName) throws SftpRefusal {
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(TRIGGER_SUFFIX)) {
            return;
        }
        RegisteredSystem system = registry.bySftpUser(user).orElseThrow(
                () -> SftpRefusal.failure("notification: unknown SFTP user"));
        try (UploadTracker.Claim claim = uploads.claim(system, fileName)) {
            triggers.fire(new TriggerFileUploaded(system, fileName));
        } catch (RuntimeException e) {
            TriggerRefused refused = refusal(e);
            if (refused != null) {
                throw SftpRefusal.failure(refused.reason() + ": " + refused.getMessage());
            }
            LOG.errorf(e, "the trigger file of %s could not be processed", system.name());
            throw SftpRefusal.failure("INTERNAL: the trigger file could not be processed; upload it again later");
        }
    }

    private static TriggerRefused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TriggerRefused refused) {
                return refused;
            }
        }
        return null;
    }

    /**
     * {@code <data-dir>/sftp-users.txt}: one line per case system, {@code SYSTEM USER HOST PORT PRIVATE-KEY}
     * ({@code -} when the key is not one we generated), read by scripts/endpoints.d/25-ingest-sftp.sh.
     */
    private void writeConnectionFile() throws IOException {
        SftpServers.writeConnectionFile(config.dataDir(), "ingest-service Styret SFTP users", registry.all(), generatedKeys, config.styretSftp().host(), port());
    }
}
