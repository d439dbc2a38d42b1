package io.reportingsuite.contracts.eindkomst;

/**
 * The KOMBIT case systems that report through SF0770_B, with only the values the seed fixes for each (SPEC
 * §2.1 rules 9 and 11: prefix {@code A}/{@code B}, Edb-system, indkomsttype). Everything a deployment
 * decides (SE numbers, kommuner, endpoints, SFTP users, credentials) is the configured case-system registry
 * ({@code suite.case-systems}, service-support), which refuses an Edb-system registered with another prefix.
 */
public enum CaseSystem {
    KY('A', "06", "KOMBIT_KY"),
    KSD('B', "07", "KOMBIT_KSD");

    private final char prefix;
    private final String indkomsttype;
    private final String edbSystem;

    CaseSystem(char prefix, String indkomsttype, String edbSystem) {
        this.prefix = prefix;
        this.indkomsttype = indkomsttype;
        this.edbSystem = edbSystem;
    }

    /** First character of the system's HovedIndberetningID. */
    public char prefix() {
        return prefix;
    }

    /** Record 5000 indkomsttype the system reports. */
    public String indkomsttype() {
        return indkomsttype;
    }

    /** Record 1000 field 10 and fejladvisering 0001 Edb-system. */
    public String edbSystem() {
        return edbSystem;
    }

    /** The system a HovedIndberetningID belongs to, or null for an unknown prefix (never guess). */
    public static CaseSystem fromHovedIndberetningId(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        for (CaseSystem s : values()) {
            if (s.prefix == id.charAt(0)) {
                return s;
            }
        }
        return null;
    }
}
