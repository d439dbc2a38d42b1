package io.reportingsuite.support.retention;

import io.reportingsuite.support.casesystem.CaseSystemsConfig.WarningChannel;

/**
 * The retention rule of SPEC §2.4 housekeeping, as each service configures it under its own prefix ({@code
 * receipt.retention.*}, {@code ingest.retention.*}): the service's {@code @ConfigMapping} group extends this.
 */
public interface RetentionSettings {

    /** Cron expression of the daily run (Quarkus scheduler syntax, seconds first). */
    String cron();

    /** Files unmodified for this many days are deleted. */
    int retentionDays();

    /** A warning goes out this many days before a file is deleted. */
    int warnDays();

    /** Default port for warnings; per system overridable with {@code retention-warning-channel}. */
    WarningChannel warningChannel();
}
