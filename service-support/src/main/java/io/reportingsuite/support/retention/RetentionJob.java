package io.reportingsuite.support.retention;

import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Housekeeping of a service's SFTP areas, SPEC §2.4: a daily run deletes files unmodified for {@code
 * retention-days} and, {@code warn-days} before that, warns once per file version (path + modification time,
 * kept in the service's {@code retention_warning} table). Files still being written ({@code .part}) are never
 * touched. Each run is reported in the log and as metrics ({@code <metric-prefix>.retention.warned.files},
 * {@code .deleted.files}, {@code .deleted.bytes}). One implementation for receipt-service (return-file folders,
 * quarantine) and ingest-service (Styret upload areas, platform folder): each service constructs it with its
 * areas and settings and schedules {@link #run()} with its own {@code <prefix>.retention.cron}.
 *
 * <p>One run at a time across all instances of a service: a run holds a PostgreSQL session-level advisory lock
 * (two-key form: {@value #LOCK_CLASS} and the hash of the metric prefix) on a connection of its own while it
 * sweeps, and a run that finds the lock taken does nothing. Replicas share the database and (on a ReadWriteMany
 * volume) the folders, and their crons fire in the same second; without the lock each would find a due file not
 * yet in {@code retention_warning} and warn about it (issue 14, "two of everything": every warning twice). A run
 * after the holder's sees its {@code retention_warning} rows and its deletions, so a file is still warned about
 * and deleted once.
 */
public class RetentionJob {

    /** Suffix of a file still being written; such files are never swept. */
    public static final String PART_SUFFIX = ".part";

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /** First key of the run lock ("RTNJ"); the two-key lock space is apart from the one-{@code bigint} locks. */
    static final int LOCK_CLASS = 0x52544e4a;

    private final Supplier<List<RetentionArea>> areas;
    private final RetentionSettings settings;
    private final RetentionWarnings warnings;
    private final DataSource dataSource;
    private final MeterRegistry metrics;
    private final String metricPrefix;
    private final Clock clock;

    /**
     * @param areas        the folders to sweep, asked on each run
     * @param dataSource   the service's database, holding {@code retention_warning (path, modified_at,
     *                     warned_at)}
     * @param metricPrefix e.g. {@code receipt}
     */
    public RetentionJob(Supplier<List<RetentionArea>> areas, RetentionSettings settings, RetentionWarnings warnings,
                        DataSource dataSource, MeterRegistry metrics, String metricPrefix, Clock clock) {
        this.areas = areas;
        this.settings = settings;
        this.warnings = warnings;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.metricPrefix = metricPrefix;
        this.clock = clock;
    }

    /**
     * One run, unless another instance (or thread) is running one for the same service: then nothing is done and
     * the report is empty.
     */
    public RetentionReport run() throws IOException, SQLException {
        try (Connection lock = dataSource.getConnection()) {
            if (!runLock(lock, "pg_try_advisory_lock")) {
                LOG.infof("retention run skipped: another instance is running it");
                return new RetentionReport(List.of(), List.of(), 0);
            }
            try {
                return sweepAll();
            } finally {
                runLock(lock, "pg_advisory_unlock");
            }
        }
    }

    private boolean runLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            s.setInt(1, LOCK_CLASS);
            s.setInt(2, metricPrefix.hashCode());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private RetentionReport sweepAll() throws IOException, SQLException {
        Instant now = clock.instant();
        Duration keep = Duration.ofDays(settings.retentionDays());
        Instant deleteUpTo = now.minus(keep);
        Instant warnUpTo = now.minus(keep.minusDays(settings.warnDays()));
        List<Path> warned = new ArrayList<>();
        List<Path> deleted = new ArrayList<>();
        long bytes = 0;
        for (RetentionArea area : areas.get()) {
            bytes += sweep(area, deleteUpTo, warnUpTo, keep, warned, deleted);
        }
        metrics.counter(metricPrefix + ".retention.warned.files").increment(warned.size());
        metrics.counter(metricPrefix + ".retention.deleted.files").increment(deleted.size());
        metrics.counter(metricPrefix + ".retention.deleted.bytes").increment(bytes);
        LOG.infof("retention run: %d file(s) warned, %d file(s) deleted, %d bytes freed", warned.size(),
                deleted.size(), bytes);
        return new RetentionReport(warned, deleted, bytes);
    }

    private long sweep(RetentionArea area, Instant deleteUpTo, Instant warnUpTo, Duration keep,
                       List<Path> warnedAll, List<Path> deletedAll) throws IOException, SQLException {
        if (!Files.isDirectory(area.folder())) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(area.folder())) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(PART_SUFFIX))
                    .sorted().toList();
        }
        long bytes = 0;
        List<Path> toWarn = new ArrayList<>();
        List<Instant> toWarnModified = new ArrayList<>();
        Instant earliestDeletion = null;
        for (Path file : files) {
            Instant modified;
            long size;
            try {
                modified = Files.getLastModifiedTime(file).toInstant();
                size = Files.size(file);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue; // removed (fetched, notified) since the listing
            }
            if (!modified.isAfter(deleteUpTo)) {
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
                warnings.send(area.label(), area.owner(), toWarn.stream().map(p -> p.getFileName().toString()).toList(),
                        earliestDeletion.atZone(ZoneOffset.UTC).toLocalDate());
            } catch (IOException e) {
                LOG.warnf("retention warning for %s not sent (%s); it is tried again on the next run",
                        area.label(), e.getMessage());
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
