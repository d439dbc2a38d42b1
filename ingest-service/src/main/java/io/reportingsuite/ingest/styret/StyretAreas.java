package io.reportingsuite.ingest.styret;

import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * Where the Styret SFTP channel (EP_FS2) keeps files ({@code ingest.data-dir}/styret): one upload area per
 * case system, named after its SFTP user (the user is chrooted to it), and the platform's own folder
 * {@code SP_STYRETSFTP_SKAT_IndkomstIndberet}, which no case system can see. Both live on the same file system
 * so a notified file is moved into the platform folder atomically.
 */
@ApplicationScoped
public class StyretAreas {

    /** The platform's recipient user and folder name (SPEC §2.4). */
    public static final String PLATFORM_USER = "SP_STYRETSFTP_SKAT_IndkomstIndberet";

    private final IngestConfig config;

    public StyretAreas(IngestConfig config) {
        this.config = config;
    }

    /** Root of the channel's areas. */
    public Path root() {
        return config.dataDir().resolve("styret");
    }

    /** The folder a system's SFTP user is chrooted to. */
    public Path uploadArea(RegisteredSystem system) {
        return root().resolve(system.sftpUser());
    }

    /** The platform's folder notified files are moved into; never inside any upload area. */
    public Path platformFolder() {
        return root().resolve(PLATFORM_USER);
    }
}
