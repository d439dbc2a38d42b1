package io.reportingsuite.ingest.batch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Belgian batch channel (SPEC §5, issue 12): socialsecurity.be-style SFTP on 8022 hosted by ingest, one
 * account per channel = per (sender number, quality), its folders under {@code ingest.data-dir/batch/<user>}.
 */
@ConfigMapping(prefix = "ingest.batch-channel")
public interface BatchChannelConfig {

    /** Whether the channel's SFTP server runs. */
    @WithDefault("true")
    boolean enabled();

    /** Listen address. */
    @WithDefault("127.0.0.1")
    String host();

    /** Listen port (socialsecurity.be's is 8022); 0 picks a free port (tests). */
    @WithDefault("8022")
    int port();

    /**
     * Local runs: generate an SSH key pair for a channel without {@code authorized-keys} (the paths are logged
     * and written to the connection file). A deployment sets false and gives every channel its key.
     */
    @WithDefault("true")
    boolean generateDevKeys();

    /** Largest accepted file (a write crossing it is refused and the partial file deleted). */
    @WithDefault("64M")
    MemorySize maxFileSize();

    /** Most files an account may hold in each of its IN and INTEST folders; a new file beyond is refused. */
    @WithDefault("1000")
    int maxFiles();

    /** Concurrent SFTP sessions one channel may hold; more are refused at login. */
    @WithDefault("10")
    int maxSessionsPerUser();

    /** An SFTP session idle this long is closed. */
    @WithDefault("PT10M")
    Duration idleTimeout();

    /**
     * How often IN and INTEST of every channel are scanned for complete transmissions (besides a scan after each
     * closed upload, and one at start-up).
     */
    @WithDefault("2s")
    Duration pollInterval();

    /** Who may manage the mandate registry ({@code /api/v1/batch-channel/*}, role {@code batch-admin}). */
    Admin admin();

    /** The channels, keyed by SFTP user name. */
    Map<String, Channel> channels();

    /**
     * Routing by purpose code (element 2 of the FI name), keyed by purpose code. A purpose without a route is
     * refused with a negative ACRF.
     */
    Map<String, Route> routes();

    interface Channel {
        /** The sender number socialsecurity.be gave the channel: 6 digits, element 3 of its file names. */
        String senderNumber();

        /** The quality the channel sends in. */
        Quality quality();

        /** The channel owner's enterprise number (CBE, 10 digits, mod 97). */
        String companyId();

        /** OpenSSH authorized_keys file with the channel's public key(s). */
        Optional<String> authorizedKeys();

        /**
         * PEM file with the certificate(s) registered for the channel: an FS in IN must be signed by one of them.
         * Absent: nothing in IN can be accepted (INTEST needs no FS).
         */
        Optional<String> signingCertificates();
    }

    interface Route {
        /** What the channel does with a positively acknowledged transmission of this purpose. */
        RouteKind kind();

        /** The AMQP address it goes to (DEBT_QUERY: debt.batch-requests; PASS_THROUGH: its own address). */
        String address();

        /** The service a representative needs a mandate for (mandate registry), e.g. FLA or DEBT_QUERY. */
        String service();

        /** The purpose code of the answer files (FO) for this purpose, if it has answers (DEBT_QUERY: EACR). */
        Optional<String> answerPurpose();

        /**
         * PASS_THROUGH: the local name of the FI element holding the mandant's enterprise number (the first such
         * element counts). DEBT_QUERY always reads {@code RequestInformation/Consumer/CompanyID}.
         */
        @WithDefault("CompanyID")
        String mandantElement();
    }

    /**
     * The batch administrators: an HTTP Basic user (local runs and tests, only while {@code
     * ingest.basic-auth-enabled}) and/or client-certificate subjects (production).
     */
    interface Admin {
        /** Basic user name of the batch administrator. */
        @WithDefault("batch-admin")
        String basicUser();

        /** Its password; absent = no Basic batch administrator. */
        Optional<String> basicPassword();

        /** RFC 2253 subjects of client certificates that are batch administrators. */
        Optional<List<String>> certificateSubjects();
    }

    enum RouteKind {
        /** XML in the EmployerAccountBalance vocabulary, to debt-service; answered in OUT/OUTTEST. */
        DEBT_QUERY,
        /** Formal checks and ACRF only, then published byte-identical on the route's address. */
        PASS_THROUGH
    }
}
