package io.reportingsuite.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.reportingsuite.support.casesystem.CaseSystemsConfig;
import io.reportingsuite.support.retention.RetentionSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything ingest-service can be told (prefix {@code ingest}); application.properties only sets values. The
 * case systems allowed to submit are the shared registry ({@code suite.case-systems}, service-support's
 * {@code CaseSystemsConfig}).
 */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /**
     * Run the eIndkomst content rules (SPEC §2.3 A2) on every submission. When false only the envelope and
     * the authorisation checks (prefix, SE numbers) run, as the original v2.1.1 service did.
     */
    @WithDefault("true")
    boolean validateContent();

    /** Root of everything this service keeps on disk: the Styret SFTP areas (EP_FS2) and its host key. */
    @WithDefault(".suite/data/ingest")
    Path dataDir();

    /** Largest accepted request body (SOAP envelope or REST body); larger requests get 413 / a fault. */
    @WithDefault("50M")
    MemorySize maxRequestSize();

    /** What a resend of a known HovedIndberetningID with different content does (SPEC §2.3 row 4). */
    @WithDefault("REJECT")
    ConflictPolicy conflictingResend();

    /** How long to wait for the broker to settle the durable hand-off before the caller gets an error. */
    @WithDefault("10s")
    Duration publishTimeout();

    /**
     * A file-backed forsendelse (EP_FS2) larger than this is handed to the forwarder as an Artemis large message
     * on {@code eindkomst.forsendelser.large}, streamed from the stored file over the broker's core protocol
     * (the JMS connection {@code quarkus.artemis."suite".*}) instead of being read into memory for an AMQP
     * message. Smaller files, and every SOAP/REST forsendelse, go on {@code eindkomst.forsendelser} as before.
     */
    @WithDefault("4M")
    MemorySize largeMessageThreshold();

    /** The Retry-After the caller is given when the broker cannot take the forsendelse. */
    @WithDefault("30s")
    Duration retryAfter();

    /**
     * Base URL callers use to reach this service (e.g. {@code https://ingest.example.dk}), for the SOAP
     * answer's {@code TrackingURL}. When unset, the scheme and host the call itself came to are used.
     */
    Optional<String> publicBaseUrl();

    /** Largest page of {@code GET /api/v1/indberetninger}. */
    @WithDefault("200")
    int maxPageSize();

    /** HTTP Basic authentication with the per-system credentials; local runs and tests only (off in prod). */
    @WithDefault("true")
    boolean basicAuthEnabled();

    /** Rate limiting of failed logins per client address. */
    FailedLoginsConfig failedLogins();

    /** Encryption of the stored payloads (personal data at rest, SPEC §2.8). */
    PayloadEncryptionConfig payloadEncryption();

    /** The Styret SFTP server (EP_FS2) the case systems upload their files to. */
    StyretSftpConfig styretSftp();

    /** Housekeeping of the Styret SFTP areas: upload areas and the platform folder (SPEC §2.4 housekeeping). */
    RetentionConfig retention();

    /**
     * The embedded SFTP server of EP_FS2: one user per registered case system ({@code sftp-user}), public-key
     * login only ({@code authorized-keys}), chrooted to its own upload area.
     */
    interface StyretSftpConfig {

        /** Whether the Styret SFTP server runs. */
        @WithDefault("true")
        boolean enabled();

        /** Interface to bind. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port to bind; 0 picks a free one (tests). */
        @WithDefault("2222")
        int port();

        /** Generate a key pair per case system that has no authorized key (local runs only). */
        @WithDefault("true")
        boolean generateDevKeys();

        /**
         * Largest file a case system may upload; the write that would cross it is refused and the partial file
         * deleted.
         */
        @WithDefault("2G")
        MemorySize maxFileSize();

        /** Most files one upload area may hold (uploaded, not yet notified); a further new file is refused. */
        @WithDefault("1000")
        int maxFiles();

        /** Concurrent SFTP sessions one case system may hold; more are refused at login. */
        @WithDefault("10")
        int maxSessionsPerUser();

        /** An SFTP session idle this long is closed. */
        @WithDefault("PT10M")
        Duration idleTimeout();
    }

    /** The retention rule, named as receipt's ({@code receipt.retention.*}). */
    interface RetentionConfig extends RetentionSettings {

        /** Cron expression of the daily run (Quarkus scheduler syntax, seconds first). */
        @Override
        @WithDefault("0 45 2 * * ?")
        String cron();

        /** Files unmodified for this many days are deleted. */
        @Override
        @WithDefault("30")
        int retentionDays();

        /** A warning goes out this many days before a file is deleted. */
        @Override
        @WithDefault("10")
        int warnDays();

        /**
         * Default port for warnings, per system overridable with {@code retention-warning-channel}: {@code SMTP}
         * (the default, the system's {@code retention-warning-email}; server {@code quarkus.mailer.*}), {@code
         * LOG} or {@code HTTP} (the system's {@code retention-warning-url}). {@code SOAP} is receipt-service's
         * only ({@code NotifyRetention}); ingest refuses to start with it.
         */
        @Override
        @WithDefault("SMTP")
        CaseSystemsConfig.WarningChannel warningChannel();
    }

    /** The Styret SFTP notification and what follows it: move, validate, kvittering, forward (EP_FS2). */
    StyretConfig styret();

    /**
     * The EP_FS2 pipeline after a notification (README "Styret SFTP"). Each step of a notified file is retried
     * with exponential back-off from {@code retry-initial} up to {@code retry-max} until it succeeds; the
     * schedule is kept in PostgreSQL, so it survives restarts.
     */
    interface StyretConfig {

        /** How often the pipeline looks for due work (validation, kvittering, forward). */
        @WithDefault("2s")
        Duration pollInterval();

        /** Delay before the first retry of a failed step (kvittering service down, broker down). */
        @WithDefault("10s")
        Duration retryInitial();

        /** Longest delay between two retries of a step. */
        @WithDefault("10m")
        Duration retryMax();

        /**
         * How long an instance owns a file it works on before another instance may take it over (it is
         * renewed while a long file is being validated).
         */
        @WithDefault("5m")
        Duration lease();

        /** Largest trigger file read (the XML of a {@code .trigger} upload); larger ones are refused. */
        @WithDefault("64K")
        MemorySize maxTriggerSize();

        /** A progress event (records checked so far) on the track-and-trace timeline every this many records. */
        @WithDefault("50000")
        int progressEvery();
    }

    /** After {@code max-failures} failed logins within {@code window} a client gets 429 until the window ends. */
    interface FailedLoginsConfig {

        /** Failed logins (unknown credentials or certificate) a client may make within one window. */
        @WithDefault("10")
        int maxFailures();

        /** Length of the window, counted from the client's first failure in it. */
        @WithDefault("1m")
        Duration window();

        /** Clients tracked at once; ended windows are dropped when the table is this full. */
        @WithDefault("10000")
        int maxClients();
    }

    /**
     * AES-256-GCM keys for {@code forsendelse.payload}. Each row stores the id of the key it was encrypted
     * with, so a new key can be added and made current while older rows stay readable; at start-up rows
     * under another key (or stored before encryption existed) are re-encrypted under the current one.
     * There is no default: a service without a configured key does not start.
     */
    interface PayloadEncryptionConfig {

        /** Id of the key new payloads are encrypted with; must be one of {@link #keys()}. */
        String currentKey();

        /** Key id → Base64 of 32 random bytes (e.g. {@code openssl rand -base64 32}). From a Secret. */
        Map<String, String> keys();

        /** Re-encrypt rows under another key (or plaintext rows from before V3) at start-up. */
        @WithDefault("true")
        boolean reencryptAtStart();
    }

    enum ConflictPolicy {
        /** Refuse with 409 / a SOAP fault: nothing is forwarded. */
        REJECT,
        /** Forward it, as the original service did; SKAT rejects the known HovedIndberetningID. */
        FORWARD
    }
}
