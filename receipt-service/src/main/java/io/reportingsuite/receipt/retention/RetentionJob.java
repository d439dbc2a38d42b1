package io.reportingsuite.receipt.retention;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.reportingsuite.receipt.config.ReceiptAreas;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.returfile.AtomicFileWriter;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Housekeeping of every SFTP area the service owns (each case system's folder and the quarantine), SPEC
 * §2.4: a daily run deletes files unmodified for {@code retention-days} and, {@code warn-days} before that,
 * warns once per file version (path + modification time, kept in {@code retention_warning}). Files still
 * being written ({@code .part}) are never touched. Each run is reported in the log and as metrics.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final CaseSystemRegistry registry;
    private final ReceiptAreas areas;
    private final RetentionWarnings warnings;
    private final AgroalDataSource dataSource;
    private final MeterRegistry metrics;
    private final ReceiptConfig config;
    private final Clock clock;

    public RetentionJob(CaseSystemRegistry registry, ReceiptAreas areas, RetentionWarnings warnings, AgroalDataSource dataSource,
                        MeterRegistry metrics, ReceiptConfig config, Clock clock) {
        this.registry = registry;
        this.areas = areas;
        this.warnings = warnings;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(cron = "${receipt.retention.cron:0 30 2 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() throws IOException, SQLException {
        run();
    }

    public RetentionReport run() throws IOException, SQLException {
        Instant now = clock.instant();
        Duration keep = Duration.ofDays(config.retention().retentionDays());
        Instant deleteUpTo = now.minus(keep);
        Instant warnUpTo = now.minus(keep.minusDays(config.retention().warnDays()));
        List<Path> warned = new ArrayList<>();
        List<Path> deleted = new ArrayList<>();
        long bytes = 0;
        for (RegisteredSystem system : registry.all()) {
            bytes += sweep(Optional.of(system), areas.folderOf(system), deleteUpTo, warnUpTo, keep, warned, deleted);
        }
        bytes += sweep(Optional.empty(), areas.quarantine(), deleteUpTo, warnUpTo, keep, warned, deleted);

        metrics.counter("receipt.retention.warned.files").increment(warned.size());
        metrics.counter("receipt.retention.deleted.files").increment(deleted.size());
        metrics.counter("receipt.retention.deleted.bytes").increment(bytes);
        LOG.infof("retention run: %d file(s) warned, %d file(s) deleted, %d bytes freed", warned.size(),
                deleted.size(), bytes);
        return new RetentionReport(warned, deleted, bytes);
    }

    private long sweep(Optional<RegisteredSystem> owner, Path area, Instant deleteUpTo, Instant warnUpTo,
                       Duration keep, List<Path> warnedAll, List<Path> deletedAll) throws IOException, SQLException {
        if (!Files.isDirectory(area)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(area)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(AtomicFileWriter.PART_SUFFIX))
                    .sorted().toList();
        }
        long bytes = 0;
        List<Path> toWarn = new ArrayList<>();
        List<Instant> toWarnModified = new ArrayList<>();
        Instant earliestDeletion = null;
        for (Path file : files) {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            if (!modified.isAfter(deleteUpTo)) {
                long size = Files.size(file);
                if (Files.deleteIfExists(file)) {
                    bytes += size;
                    deletedAll.add(file);
                    forget(file);
                }
            } else if (!modified.isAfter(warnUpTo) && !alreadyWarned(file, modified)) {
                toWarn.add(file);
                toWarnModified.add(modified);
                Instant deletion = modified.plus(keep);
                earliestDeletion = earliestDeletion == null || deletion.isBefore(earliestDeletion)
                        ? deletion : earliestDeletion;
            }
        }
        if (!toWarn.isEmpty()) {
            try {
                warnings.send(owner, toWarn.stream().map(p -> p.getFileName().toString()).toList(),
                        earliestDeletion.atZone(ZoneOffset.UTC).toLocalDate());
            } catch (IOException e) {
                LOG.warnf("retention warning for %s not sent (%s); it is tried again on the next run",
                        owner.map(RegisteredSystem::name).orElse("quarantine"), e.getMessage());
                return bytes;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return bytes;
            }
            for (int i = 0; i < toWarn.size(); i++) {
                remember(toWarn.get(i), toWarnModified.get(i));
            }
            warnedAll.addAll(toWarn);
        }
        return bytes;
    }

    private boolean alreadyWarned(Path file, Instant modified) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT 1 FROM retention_warning WHERE path = ? AND modified_at = ?")) {
            s.setString(1, file.toAbsolutePath().toString());
            s.setTimestamp(2, Timestamp.from(modified));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void remember(Path file, Instant modified) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO retention_warning (path, modified_at, warned_at)"
                     + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, file.toAbsolutePath().toString());
            s.setTimestamp(2, Timestamp.from(modified));
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
    }

    private void forget(Path file) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM retention_warning WHERE path = ?")) {
            s.setString(1, file.toAbsolutePath().toString());
            s.executeUpdate();
        }
    }
}
