package io.reportingsuite.support.casesystem;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One registered case system: its short name and its configuration, with the derived values the services
 * ask for.
 *
 * @param name   the key under {@code suite.case-systems} (e.g. {@code KY})
 * @param config everything configured for it
 */
public record RegisteredSystem(String name, CaseSystemsConfig.CaseSystem config) {

    /** First character of its HovedIndberetningIDs. */
    public String prefix() {
        return config.prefix();
    }

    /** Whether a HovedIndberetningID belongs to this system (by its prefix). */
    public boolean owns(String hovedIndberetningId) {
        return hovedIndberetningId != null && hovedIndberetningId.startsWith(config.prefix());
    }

    /** The seed's view of the system (prefix and Edb-system fixed by SPEC §2.1), or null for one it does not know. */
    public CaseSystem caseSystem() {
        for (CaseSystem s : CaseSystem.values()) {
            if (s.edbSystem().equals(config.edbSystem())) {
                return s;
            }
        }
        return null;
    }

    public ValidationOptions.Mode mode() {
        return config.validation();
    }

    public String edbSystem() {
        return config.edbSystem();
    }

    public String sftpUser() {
        return config.sftpUser();
    }

    public String notificationEndpoint() {
        return config.notificationEndpoint();
    }

    public String beskedfordelerAddress() {
        return config.beskedfordelerAddress();
    }

    /** Every SE number it may report for: its Indberetter SE(s) (record 1000) and its kommune SEs (record 2001). */
    public List<String> seNumbers() {
        List<String> all = new ArrayList<>(config.indberetterSe());
        all.addAll(config.kommuner().keySet());
        return List.copyOf(all);
    }

    /** The CVR of the kommune this SE number belongs to, empty when it is not one of the system's kommune SEs. */
    public Optional<String> kommuneCvr(String seNummer) {
        return Optional.ofNullable(seNummer == null ? null : config.kommuner().get(seNummer));
    }
}
