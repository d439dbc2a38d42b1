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
