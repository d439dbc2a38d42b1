package io.reportingsuite.receipt.config;

import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where receipt-service keeps files on disk ({@code receipt.data-dir}): one SFTP folder per registered case
 * system, named after its SFTP user, and the quarantine for return documents nobody can claim.
 */
@ApplicationScoped
public class ReceiptAreas {

    private final ReceiptConfig config;
    private final CaseSystemRegistry registry;

    public ReceiptAreas(ReceiptConfig config, CaseSystemRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Root of the SFTP areas: one folder per SFTP user. */
    public Path sftpRoot() {
        return config.dataDir().resolve("sftp");
    }

    /** The folder a system's user is chrooted to. */
    public Path folderOf(RegisteredSystem system) {
        return sftpRoot().resolve(system.sftpUser());
    }

    /** Where return documents nobody can claim are parked (never inside an SFTP area). */
    public Path quarantine() {
        return config.dataDir().resolve("quarantine");
    }

    /** All areas this service owns on disk, for retention. */
    public List<Path> areas() {
        List<Path> areas = new ArrayList<>(registry.all().stream().map(this::folderOf).toList());
        areas.add(quarantine());
        return areas;
    }
}
