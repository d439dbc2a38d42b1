package io.reportingsuite.ingest.config;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** The configured case systems, looked up by credentials, certificate or HovedIndberetningID prefix. */
@ApplicationScoped
public class CaseSystemRegistry {

    private final List<RegisteredSystem> systems;

    public CaseSystemRegistry(IngestConfig config) {
        this.systems = config.caseSystems().values().stream().map(RegisteredSystem::new).toList();
    }

    /** The system with these Basic credentials; compares in constant time. */
    public Optional<RegisteredSystem> byCredentials(String username, String password) {
        for (RegisteredSystem s : systems) {
            if (s.config().username().isPresent() && s.config().password().isPresent()
                    && s.config().username().get().equals(username)
                    && MessageDigest.isEqual(s.config().password().get().getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<RegisteredSystem> byCertificateSubject(String subject) {
        return systems.stream().filter(s -> s.config().certificateSubject().map(subject::equals).orElse(false))
                .findFirst();
    }

    public Optional<RegisteredSystem> byName(String name) {
        return systems.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The system that owns a HovedIndberetningID, by its first character. */
    public Optional<RegisteredSystem> owner(String hovedIndberetningId) {
        return systems.stream().filter(s -> hovedIndberetningId.startsWith(s.config().prefix())).findFirst();
    }

    /** A configured case system with the values the validator needs. */
    public record RegisteredSystem(IngestConfig.CaseSystemConfig config) {

        public String name() {
            return config.name();
        }

        /** The contracts' view of the system (KOMBIT rules), or null for a system the rules do not know. */
        public CaseSystem caseSystem() {
            for (CaseSystem s : CaseSystem.values()) {
                if (s.edbSystem().equals(config.edbSystem())) {
                    return s;
                }
            }
            return null;
        }

        public ValidationOptions.Mode mode() {
            return config.validation() == IngestConfig.ValidationMode.ADVISORY
                    ? ValidationOptions.Mode.ADVISORY : ValidationOptions.Mode.STRICT;
        }
    }
}
