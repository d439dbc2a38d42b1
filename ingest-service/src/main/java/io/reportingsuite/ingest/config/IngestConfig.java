package io.reportingsuite.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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

    /** Base URL callers use to reach this service, for tracking links in answers. */
    @WithDefault("http://localhost:8081")
    String publicBaseUrl();

    /** Largest page of {@code GET /api/v1/indberetninger}. */
    @WithDefault("200")
    int maxPageSize();

    /** HTTP Basic authentication with the per-system credentials; local runs and tests only (off in prod). */
    @WithDefault("true")
    boolean basicAuthEnabled();

    enum ConflictPolicy {
        /** Refuse with 409 / a SOAP fault: nothing is forwarded. */
        REJECT,
        /** Forward it, as the original service did; SKAT rejects the known HovedIndberetningID. */
        FORWARD
    }
}
