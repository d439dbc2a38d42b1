package io.reportingsuite.support.casesystem;

import io.quarkus.runtime.Startup;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.ident.Cvr;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registered case systems (from {@link CaseSystemsConfig}) and the only place that answers "whose is
 * this?": by name, by HovedIndberetningID prefix, by SE number, by SFTP user, by Basic credentials and by
 * client-certificate subject. An unknown key answers empty; callers never fall back to some other system.
 * The registry is checked as a whole when the service starts; a start with a broken registry fails with
 * every problem named by its configuration key.
 */
@Startup
@ApplicationScoped
public class CaseSystemRegistry {

    static final String ROOT = "suite.case-systems";

    private final Map<String, RegisteredSystem> byName = new TreeMap<>();

    public CaseSystemRegistry(CaseSystemsConfig config) {
        config.caseSystems().forEach((name, system) -> byName.put(name, new RegisteredSystem(name, system)));
        List<String> problems = problems(byName.values());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The case-system registry (" + ROOT + ") is not valid:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** All systems, ordered by name. */
    public Collection<RegisteredSystem> all() {
        return byName.values();
    }

    public Optional<RegisteredSystem> byName(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The system that owns a HovedIndberetningID, by its first character (SPEC §2.1 rule 9). */
    public Optional<RegisteredSystem> owner(String hovedIndberetningId) {
        if (hovedIndberetningId == null || hovedIndberetningId.isEmpty()) {
            return Optional.empty();
        }
        return byName.values().stream().filter(s -> s.owns(hovedIndberetningId)).findFirst();
    }

    /** Same as {@link #owner}: the name the return-file side uses. */
    public Optional<RegisteredSystem> byHovedIndberetningId(String hovedIndberetningId) {
        return owner(hovedIndberetningId);
    }

    /** The system an SE number is registered for, as Indberetter SE or as one of its kommune SEs. */
    public Optional<RegisteredSystem> bySeNummer(String seNummer) {
        return byName.values().stream().filter(s -> s.seNumbers().contains(seNummer)).findFirst();
    }

    /**
     * The kommune behind a kommune SE number (a skattekort's subscriber SE): the system it is registered for
     * and the kommune's CVR. Empty for an unknown SE and for an Indberetter SE (which is no kommune).
     */
    public Optional<Kommune> kommune(String seNummer) {
        for (RegisteredSystem s : byName.values()) {
            Optional<String> cvr = s.kommuneCvr(seNummer);
            if (cvr.isPresent()) {
                return Optional.of(new Kommune(s, seNummer, cvr.get()));
            }
        }
        return Optional.empty();
    }

    public Optional<RegisteredSystem> bySftpUser(String user) {
        return byName.values().stream().filter(s -> s.sftpUser().equals(user)).findFirst();
    }

    /**
     * The system with these HTTP Basic credentials. User name and password are compared in constant time and
     * every system is compared, so the answer time tells nothing about which part was wrong.
     */
    public Optional<RegisteredSystem> byCredentials(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        RegisteredSystem found = null;
        for (RegisteredSystem s : byName.values()) {
            if (s.config().username().isEmpty() || s.config().password().isEmpty()) {
                continue;
            }
            boolean userMatches = MessageDigest.isEqual(s.config().username().get().getBytes(StandardCharsets.UTF_8),
                    user);
            boolean passwordMatches = MessageDigest.isEqual(
                    s.config().password().get().getBytes(StandardCharsets.UTF_8), secret);
            if (userMatches & passwordMatches) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The system whose client certificate has this subject DN (RFC 2253). */
    public Optional<RegisteredSystem> byCertificateSubject(String subject) {
        return byName.values().stream()
                .filter(s -> s.config().certificateSubject().map(c -> c.equals(subject)).orElse(false))
                .findFirst();
    }

    /**
     * A kommune SE number resolved.
     *
     * @param system the case system the SE is registered for
     * @param seNummer the kommune's SE number for that system
     * @param cvr the kommune's CVR number
     */
    public record Kommune(RegisteredSystem system, String seNummer, String cvr) {
    }

    /** Every problem of the registry, each naming its configuration key; empty when it is usable. */
    static List<String> problems(Collection<RegisteredSystem> systems) {
        List<String> problems = new ArrayList<>();
        if (systems.isEmpty()) {
            problems.add(ROOT + ": no case system is registered (each needs prefix, edb-system, sftp-user, "
                    + "indberetter-se, kommuner, notification-endpoint and beskedfordeler-address).");
        }
        for (RegisteredSystem s : systems) {
            String key = ROOT + "." + s.name();
            CaseSystemsConfig.CaseSystem c = s.config();
            if (!c.prefix().matches("[A-Z0-9]")) {
                problems.add(key + ".prefix: '" + c.prefix() + "' must be one upper-case letter or digit.");
            }
            CaseSystem seed = s.caseSystem();
            if (seed != null && !c.prefix().equals(String.valueOf(seed.prefix()))) {
                problems.add(key + ".prefix: edb-system " + c.edbSystem() + " reports with prefix " + seed.prefix()
                        + " (SPEC §2.1 rule 9), not " + c.prefix() + ".");
            }
            if (c.sftpUser().isBlank()) {
                problems.add(key + ".sftp-user: must not be blank.");
            }
            if (c.indberetterSe().isEmpty()) {
                problems.add(key + ".indberetter-se: at least one SE number (record 1000 field 5) is required.");
            }
            c.indberetterSe().forEach(se -> checkNumber(problems, key + ".indberetter-se", "SE", se));
            if (c.kommuner().isEmpty()) {
                problems.add(key + ".kommuner: at least one kommune (SE number=CVR number) is required.");
            }
            c.kommuner().forEach((se, cvr) -> {
                checkNumber(problems, key + ".kommuner", "SE", se);
                checkNumber(problems, key + ".kommuner." + se, "CVR", cvr);
            });
            if (c.username().isPresent() != c.password().isPresent()) {
                problems.add(key + ": username and password go together (one of them is missing).");
            }
        }
        unique(problems, systems, "prefix", s -> List.of(s.prefix()));
        unique(problems, systems, "SE number", RegisteredSystem::seNumbers);
        unique(problems, systems, "sftp-user", s -> List.of(s.sftpUser()));
        unique(problems, systems, "username", s -> s.config().username().stream().toList());
        unique(problems, systems, "certificate-subject", s -> s.config().certificateSubject().stream().toList());
        return problems;
    }

    private static void checkNumber(List<String> problems, String key, String kind, String number) {
        Cvr.Reason reason = Cvr.check(number);
        if (!reason.isValid()) {
            problems.add(key + ": '" + number + "' is not a valid " + kind + " number (" + reason + ": eight digits, "
                    + "modulus 11).");
        }
    }

    private static void unique(List<String> problems, Collection<RegisteredSystem> systems, String what,
                               Function<RegisteredSystem, List<String>> values) {
        Map<String, String> owners = new HashMap<>();
        for (RegisteredSystem s : systems) {
            for (String value : values.apply(s)) {
                String other = owners.putIfAbsent(value, s.name());
                if (other != null && other.equals(s.name())) {
                    problems.add(ROOT + "." + s.name() + ": " + what + " '" + value + "' is listed twice.");
                } else if (other != null) {
                    problems.add(ROOT + ": " + what + " '" + value + "' is registered for both " + other + " and "
                            + s.name() + "; it must belong to one system.");
                }
            }
        }
    }
}
