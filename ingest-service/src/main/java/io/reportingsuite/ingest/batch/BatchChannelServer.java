package io.reportingsuite.ingest.batch;

import io.micrometer.core.instrument.MeterRegistry;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.support.sftp.FolderAreaPolicy;
import io.reportingsuite.support.sftp.PolicySftpSubsystemFactory;
import io.reportingsuite.support.sftp.ReadAndDeleteOnly;
import io.reportingsuite.support.sftp.SftpAudit;
import io.reportingsuite.support.sftp.SftpMetrics;
import io.reportingsuite.support.sftp.SftpServers;
import io.reportingsuite.support.sftp.SftpUserKeys;
import io.reportingsuite.support.sftp.UploadAreaPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.jboss.logging.Logger;

/**
 * The batch channel's SFTP server (SPEC §5.1, issue 12), socialsecurity.be-style on {@code
 * ingest.batch-channel.port} (8022), built by service-support's {@link SftpServers} like the Styret server: one
 * account per configured channel, public-key login only ({@code authorized-keys}, or a dev key pair generated
 * under {@code data-dir/batch-work/sftp-keys} when {@code generate-dev-keys}), chrooted to {@link
 * BatchAreas#area}, where it sees exactly the folders {@code IN}, {@code INTEST} (write-once uploads: new files
 * only, no overwrite, delete, rename, mkdir or links; {@code max-file-size} and {@code max-files}) and {@code OUT},
 * {@code OUTTEST} (read, list, delete). Every operation and refusal is audited in {@code ingest.batch.audit}. When
 * an upload into IN or INTEST closes, {@link BatchChannelPoller} is asked to scan (asynchronously: the client's
 * close is not held by the checks). No channel configured, or {@code enabled=false}: no server.
 */
@ApplicationScoped
public class BatchChannelServer {

    /** The audit log category of the batch channel's SFTP server. */
    public static final String AUDIT_CATEGORY = "ingest.batch.audit";

    private static final Logger LOG = Logger.getLogger(BatchChannelServer.class);

    private final BatchChannelConfig config;
    private final IngestConfig ingest;
    private final BatchChannels channels;
    private final BatchAreas areas;
    private final BatchUploads uploads;
    private final BatchChannelPoller poller;
    private final MeterRegistry metrics;
    private SshServer server;

    public BatchChannelServer(BatchChannelConfig config, IngestConfig ingest, BatchChannels channels,
                              BatchAreas areas, BatchUploads uploads, BatchChannelPoller poller, MeterRegistry metrics) {
        this.config = config;
        this.ingest = ingest;
        this.channels = channels;
        this.areas = areas;
        this.uploads = uploads;
        this.poller = poller;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) throws IOException, GeneralSecurityException {
        if (!config.enabled() || channels.all().isEmpty()) {
            LOG.infof("Batch channel SFTP server not started (%s)", config.enabled() ? "no channel configured"
                    : "ingest.batch-channel.enabled=false");
            return;
        }
        Map<String, List<String>> configuredKeys = new LinkedHashMap<>();
        Map<String, Path> homes = new LinkedHashMap<>();
        for (BatchChannels.Channel channel : channels.all().values()) {
            configuredKeys.put(channel.user(), channel.authorizedKeys().map(List::of).orElse(List.of()));
            homes.put(channel.user(), areas.area(channel.user()));
            for (BatchFolder folder : BatchFolder.values()) {
                Files.createDirectories(areas.folder(channel.user(), folder));
            }
            Files.createDirectories(areas.work(channel.user()));
        }
        SftpUserKeys.Resolved keys = SftpUserKeys.resolve(configuredKeys, areas.workRoot(), config.generateDevKeys(),
                "ingest-batch-channel-dev");
        SftpAudit audit = new SftpAudit(AUDIT_CATEGORY, new SftpMetrics(metrics, "batch-channel"));
        UploadAreaPolicy.Limits limits = new UploadAreaPolicy.Limits(config.maxFileSize().asLongValue(),
                config.maxFiles());
        Map<String, SftpEventListener> folders = new LinkedHashMap<>();
        for (BatchFolder folder : List.of(BatchFolder.IN, BatchFolder.INTEST)) {
            folders.put(folder.name(), new UploadAreaPolicy(limits, uploads.tracker(folder), audit,
                    (session, user, fileName) -> poller.requestScan(), true));
        }
        ReadAndDeleteOnly answers = new ReadAndDeleteOnly(audit);
        folders.put(BatchFolder.OUT.name(), answers);
        folders.put(BatchFolder.OUTTEST.name(), answers);
        server = SftpServers.create(new SftpServers.Settings(config.host(), config.port(),
                ingest.dataDir().resolve("batch_" + SftpServers.HOST_KEY_FILE), config.idleTimeout(),
                config.maxSessionsPerUser()), keys.keys(), homes,
                new PolicySftpSubsystemFactory(audit, new FolderAreaPolicy(audit, folders)), audit);
        server.start();
        LOG.infof("Batch channel SFTP server on %s:%d, channels %s", config.host(), port(), keys.keys().keySet());
        keys.generated().forEach((user, key) -> LOG.infof("Batch channel %s: generated dev key %s (sftp -i %s -P %d"
                + " %s@%s)", user, key, key, port(), user, config.host()));
        writeConnectionFile(keys.generated());
        poller.requestScan();
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    /** Whether the server runs. */
    public boolean running() {
        return server != null && server.isStarted();
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getPort();
    }

    /**
     * {@code <data-dir>/batch-sftp-users.txt}: one line per channel, {@code USER SENDER QUALITY HOST PORT
     * PRIVATE-KEY} ({@code -} when the key is not one we generated).
     */
    private void writeConnectionFile(Map<String, Path> generated) throws IOException {
        StringBuilder lines = new StringBuilder(
                "# ingest-service batch channel SFTP users: USER SENDER QUALITY HOST PORT PRIVATE-KEY\n");
        for (BatchChannels.Channel channel : channels.all().values()) {
            Path key = generated.get(channel.user());
            lines.append(channel.user()).append(' ').append(channel.senderNumber()).append(' ')
                    .append(channel.quality()).append(' ').append(config.host()).append(' ').append(port())
                    .append(' ').append(key == null ? "-" : key.toString()).append('\n');
        }
        Files.createDirectories(ingest.dataDir());
        Files.writeString(ingest.dataDir().resolve("batch-sftp-users.txt"), lines);
    }
}
