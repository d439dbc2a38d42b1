package io.reportingsuite.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
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
