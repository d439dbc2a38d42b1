package io.reportingsuite.support.casesystem;

import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry of case systems (fagsystemer) every service reads (ARCHITECTURE §7), from the keys
 * {@code suite.case-systems.<NAME>.*}. The local-run and test values live once, in service-support's
 * {@code META-INF/microprofile-config.properties} (profiles {@code local}, {@code dev}, {@code test}); a
 * deployment gives its own (the Helm chart renders them into one ConfigMap). {@link CaseSystemRegistry}
 * answers the lookups and checks the whole at start-up.
 */
@ConfigMapping(prefix = "suite.case-systems")
public interface CaseSystemsConfig {

    /**
     * The registered case systems by short name ({@code KY}, {@code KSD}): {@code suite.case-systems.<NAME>.*}.
     * The name appears in tracking and logs. (The mapping's root is {@code suite.case-systems} itself, so other
     * {@code suite.*} keys stay free for other settings.)
     */
    @WithParentName
    Map<String, CaseSystem> caseSystems();

    /** One case system and everything the suite needs to serve it. */
    interface CaseSystem {

        /**
         * First character of its HovedIndberetningIDs (SPEC §2.1 rule 9: {@code A} for KY, {@code B} for KSD);
         * routes SKAT's answers back to it. One character, unique in the registry.
         */
        String prefix();

        /** Edb-system towards SKAT, record 1000 field 10: {@code KOMBIT_KY} or {@code KOMBIT_KSD}. */
        @WithName("edb-system")
        String edbSystem();

        /**
         * The system's Styret SFTP user (SPEC §2.4, e.g. {@code KY_STYRETSFTP}): it uploads EP_FS2 files as this
         * user and fetches its return files (EP_FS3) from the folder of the same name. Unique in the registry.
         */
        @WithName("sftp-user")
        String sftpUser();

        /**
         * Indberetter SE number(s): record 1000 field 5 (SPEC §2.1 rule 11), KOMBIT's SE for this system. Not a
         * kommune: a skattekort for one of these has no addressee.
         */
        @WithName("indberetter-se")
        List<String> indberetterSe();

        /**
         * The kommuner the system reports for: each kommune's SE number for this system (record 2001 field 4,
         * the skattekort's subscriber SE) mapped to that kommune's CVR, which addresses its skattekort on
         * Beskedfordeler (TilladtModtager, ObjektAnsvarligMyndighed; SPEC §2.6). Key {@code
         * suite.case-systems.KY.kommuner.31500028=29189846}. Every SE of the registry belongs to one system.
         */
        Map<String, String> kommuner();

        /** SOAP endpoint of the system's notification service: FileMetadata "a file is waiting" (SPEC §2.5). */
        @WithName("notification-endpoint")
        String notificationEndpoint();

        /**
         * SOAP endpoint of the system's kvittering service, which receives the EP_FS2 TechnicalReceipt after SP
         * moved an uploaded file (SPEC §2.4 step 3). Empty while the system does not use EP_FS2.
         */
        @WithName("kvittering-endpoint")
        Optional<String> kvitteringEndpoint();

        /** AMQP address standing in for the system's Beskedfordeler subscription (EP_FS4, SPEC §2.6). */
        @WithName("beskedfordeler-address")
        String beskedfordelerAddress();

        /**
         * How this system is warned before its SFTP files are deleted (SPEC §2.4 housekeeping); empty: the
         * receiving service's default ({@code receipt.retention.warning-channel}).
         */
        @WithName("retention-warning-channel")
        Optional<WarningChannel> retentionWarningChannel();

        /** Where retention warnings go when the channel is {@code HTTP} (a URL accepting a JSON POST). */
        @WithName("retention-warning-url")
        Optional<String> retentionWarningUrl();

        /**
         * E-mail address(es) for retention warnings when the channel is {@code SMTP}; the SMTP server itself is
         * the global Quarkus mailer configuration ({@code quarkus.mailer.*}).
         */
        @WithName("retention-warning-email")
        Optional<List<String>> retentionWarningEmail();

        /**
         * Public keys allowed to log in as {@link #sftpUser()}: each an OpenSSH public-key line or the path of
         * an authorized_keys / .pub file. Empty: nobody can log in, unless the service generates a dev key pair
         * (local runs only).
         */
        @WithName("authorized-keys")
        Optional<List<String>> authorizedKeys();

        /** HTTP Basic user name (local runs and tests; Basic authentication is off in production). */
        Optional<String> username();

        /**
         * HTTP Basic password (local runs and tests). In a deployment give it from a Secret, never in the
         * registry ConfigMap. Compared in constant time.
         */
        Optional<String> password();

        /** Subject DN (RFC 2253) of the system's client certificate (mutual TLS, production). Unique. */
        @WithName("certificate-subject")
        Optional<String> certificateSubject();

        /**
         * What content findings do at ingest: {@code STRICT} refuses a forsendelse with errors, {@code ADVISORY}
         * accepts it and reports the findings in track-and-trace.
         */
        @WithDefault("STRICT")
        ValidationOptions.Mode validation();
    }

    /** Ways a retention warning can reach a case system; every one also writes the warning to the log. */
    enum WarningChannel {
        /** The service log only (operators). */
        LOG,
        /** JSON POST to the system's {@code retention-warning-url}. */
        HTTP,
        /** SOAP {@code NotifyRetention} on the system's notification endpoint. */
        SOAP,
        /** E-mail through the Quarkus mailer to the system's {@code retention-warning-email}. */
        SMTP
    }
}
