package io.reportingsuite.receipt.config;

import io.reportingsuite.support.casesystem.CaseSystemsConfig;
import io.reportingsuite.support.retention.RetentionSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;

/**
 * receipt-service configuration (prefix {@code receipt}): what is about this service only. The case systems
 * it serves (prefix, SFTP user, SE numbers and kommune CVRs, notification endpoint, Beskedfordeler address,
 * retention-warning port, authorized keys) are the shared registry {@code suite.case-systems}
 * (service-support's {@code CaseSystemsConfig}).
 */
@ConfigMapping(prefix = "receipt")
public interface ReceiptConfig {

    /** Root of everything this service keeps on disk: SFTP areas, quarantine, host key, dev keys. */
    @WithDefault(".suite/data/receipt")
    Path dataDir();

    /** The embedded SFTP server the case systems fetch their return files from (EP_FS3). */
    Sftp sftp();

    /** The "a file is waiting" SOAP notification (SPEC §2.5). */
    Notification notification();

    /** Publishing skattekort to Beskedfordeler (SPEC §2.6). */
    Beskedfordeler beskedfordeler();

    /** Housekeeping of the SFTP areas (SPEC §2.4 housekeeping). */
    Retention retention();

    /** The recording case-system notification endpoint for local runs and tests. */
    @WithName("case-system-stub")
    Stub caseSystemStub();

    interface Sftp {

        /** Whether the embedded SFTP server runs. */
        @WithDefault("true")
        boolean enabled();

        /** Interface to bind. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port to bind; 0 picks a free one (tests). */
        @WithDefault("2223")
        int port();

        /** Generate a key pair per case system that has no authorized key (local runs only). */
        @WithName("generate-dev-keys")
        @WithDefault("true")
        boolean generateDevKeys();

        /** Concurrent SFTP sessions one case system may hold; more are refused at login. */
        @WithName("max-sessions-per-user")
        @WithDefault("10")
        int maxSessionsPerUser();

        /** An SFTP session idle this long is closed. */
        @WithName("idle-timeout")
        @WithDefault("PT10M")
        Duration idleTimeout();
    }

    interface Notification {

        /** Sender in FileDescriptor (SPEC §2.5). */
        @WithDefault("SP_STYRETSFTP_SKAT_IndkomstIndberet")
        String sender();

        /** How often the delivery log is scanned for due notifications. */
        @WithName("poll-interval")
        @WithDefault("2s")
        String pollInterval();

        /** Wait after the first failed attempt; doubled after each further failure. */
        @WithName("initial-backoff")
        @WithDefault("PT2S")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithName("max-backoff")
        @WithDefault("PT15M")
        Duration maxBackoff();

        /** Notifications attempted per scan. */
        @WithName("batch-size")
        @WithDefault("20")
        int batchSize();

        /**
         * Passes a dispatcher run makes side by side (each locks its own due rows), i.e. how many case-system
         * calls one instance has in flight at most; each holds a database connection while it runs.
         */
        @WithDefault("4")
        int concurrency();
    }

    interface Beskedfordeler {

        /** Beskedtype UUID for "SKAT eSkattekort (SF0770_B)" (assumption A5). */
        @WithName("beskedtype")
        @WithDefault("5b2d6a4e-8c4f-4f7e-9a11-0770b0000001")
        String beskedtype();

        /** Serviceplatformen's system UUID: BeskedAnsvarligAktoer and RegistreringsAktoer. */
        @WithName("afsender-aktoer")
        @WithDefault("5b2d6a4e-8c4f-4f7e-9a11-0770b0000002")
        String afsenderAktoer();

        /** ObjektType UUID of a person. */
        @WithName("person-objekttype")
        @WithDefault("5b2d6a4e-8c4f-4f7e-9a11-0770b0000003")
        String personObjekttype();

        /** ObjektHandling UUID for "skattekort modtaget". */
        @WithName("objekthandling")
        @WithDefault("5b2d6a4e-8c4f-4f7e-9a11-0770b0000004")
        String objekthandling();

        /** Sikkerhedsklassificering UUID "fortrolige personoplysninger". */
        @WithName("sikkerhedsklassificering")
        @WithDefault("5b2d6a4e-8c4f-4f7e-9a11-0770b0000005")
        String sikkerhedsklassificering();
    }

    interface Retention extends RetentionSettings {

        /** Cron expression of the daily run (Quarkus scheduler syntax, seconds first). */
        @WithDefault("0 30 2 * * ?")
        String cron();

        /** Files unmodified for this many days are deleted. */
        @WithName("retention-days")
        @WithDefault("30")
        int retentionDays();

        /** A warning goes out this many days before a file is deleted. */
        @WithName("warn-days")
        @WithDefault("10")
        int warnDays();

        /**
         * Default port for warnings, per system overridable with {@code retention-warning-channel}: {@code SMTP}
         * (the default: e-mail to the system's {@code retention-warning-email}, as the seed's "udsendt en mail"
         * asks; the server is {@code quarkus.mailer.*}), {@code LOG} (the service log only), {@code HTTP} (JSON
         * POST to the system's {@code retention-warning-url}) or {@code SOAP} ({@code NotifyRetention} on the
         * system's {@code notification-endpoint}).
         */
        @WithName("warning-channel")
        @WithDefault("SMTP")
        CaseSystemsConfig.WarningChannel warningChannel();
    }

    interface Stub {

        /** Let the recording notification endpoint at /soap/casesystem answer (switch off in a real deployment). */
        @WithDefault("true")
        boolean enabled();
    }
}
