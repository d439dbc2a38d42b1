package io.reportingsuite.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * How the embedded PostgreSQL is set up.
 *
 * @param port          0 = pick a free port
 * @param dataDirectory cluster directory; kept across runs when {@code keepData}
 * @param keepData      keep the cluster between starts (local run) or wipe it (tests)
 * @param databases     one database per stateful service, each owned by a role of the same name whose
 *                      password is also that name (ARCHITECTURE §4: no service reads another's tables)
 */
public record DatabaseSettings(int port, Path dataDirectory, boolean keepData, List<String> databases) {

    /** The services that keep state. */
    public static final List<String> SERVICE_DATABASES = List.of("ingest", "receipt", "debt");

    public static DatabaseSettings defaults(Path dataDirectory) {
        return new DatabaseSettings(55432, dataDirectory, true, SERVICE_DATABASES);
    }

    public static DatabaseSettings forTests(Path dataDirectory) {
        return new DatabaseSettings(0, dataDirectory, false, SERVICE_DATABASES);
    }
}
