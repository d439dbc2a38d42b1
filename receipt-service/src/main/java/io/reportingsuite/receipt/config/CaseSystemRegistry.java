package io.reportingsuite.receipt.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registered case systems and the only place that answers "whose is this?": by HovedIndberetningID
 * prefix (return files), by SE number (skattekort) and by SFTP user. An unknown key answers empty; callers
 * never fall back to some other system.
 */
@ApplicationScoped
public class CaseSystemRegistry {

    /** One registered system with its short name. */
    public record Entry(String name, ReceiptConfig.CaseSystem config) {

        public String sftpUser() {
            return config.sftpUser();
        }
    }

    /** The port this system's retention warnings take: its own setting, else the global one. */
    public ReceiptConfig.WarningChannel warningChannel(Entry system) {
        return system.config().retentionWarningChannel().orElse(config.retention().warningChannel());
    }

    private final ReceiptConfig config;
    private final Map<String, Entry> byName = new TreeMap<>();

    public CaseSystemRegistry(ReceiptConfig config) {
        this.config = config;
        config.caseSystems().forEach((name, system) -> byName.put(name, new Entry(name, system)));
        long prefixes = byName.values().stream().map(e -> e.config().prefix()).distinct().count();
        long seNumbers = byName.values().stream().flatMap(e -> e.config().seNumbers().stream()).distinct().count();
        long allSe = byName.values().stream().mapToLong(e -> e.config().seNumbers().size()).sum();
        if (prefixes != byName.size() || seNumbers != allSe) {
            throw new IllegalStateException("receipt.case-systems: each prefix and SE number may belong to one "
                    + "system only.");
        }
        // A warning port without its address would drop every warning silently; refuse to start instead.
        for (Entry system : byName.values()) {
            ReceiptConfig.WarningChannel channel = warningChannel(system);
            if (channel == ReceiptConfig.WarningChannel.SMTP
                    && system.config().retentionWarningEmail().map(List::isEmpty).orElse(true)) {
                throw new IllegalStateException("receipt.case-systems." + system.name()
                        + ".retention-warning-email is required for the SMTP retention warning channel.");
            }
            if (channel == ReceiptConfig.WarningChannel.HTTP && system.config().retentionWarningUrl().isEmpty()) {
                throw new IllegalStateException("receipt.case-systems." + system.name()
                        + ".retention-warning-url is required for the HTTP retention warning channel.");
            }
        }
    }

    public Collection<Entry> all() {
        return byName.values();
    }

    public Optional<Entry> byName(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public Optional<Entry> byHovedIndberetningId(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return byName.values().stream().filter(e -> e.config().prefix() == id.charAt(0)).findFirst();
    }

    public Optional<Entry> bySeNummer(String se) {
        return byName.values().stream().filter(e -> e.config().seNumbers().contains(se)).findFirst();
    }

    public Optional<Entry> bySftpUser(String user) {
        return byName.values().stream().filter(e -> e.sftpUser().equals(user)).findFirst();
    }

    /** Root of the SFTP areas: one folder per SFTP user. */
    public Path sftpRoot() {
        return config.dataDir().resolve("sftp");
    }

    /** The folder a system's user is chrooted to. */
    public Path folderOf(Entry system) {
        return sftpRoot().resolve(system.sftpUser());
    }

    /** Where return documents nobody can claim are parked (never inside an SFTP area). */
    public Path quarantine() {
        return config.dataDir().resolve("quarantine");
    }

    /** All areas this service owns on disk, for retention. */
    public List<Path> areas() {
        List<Path> areas = new java.util.ArrayList<>(byName.values().stream().map(this::folderOf).toList());
        areas.add(quarantine());
        return areas;
    }
}
