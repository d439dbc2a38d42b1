package io.reportingsuite.devstack.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points the application under test at the shared embedded broker and, with the
 * init argument {@code database} (e.g. {@code ingest}), at that service's own PostgreSQL database.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = DevStackTestResource.class,
 *         initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
 * }</pre>
 */
public class DevStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
    }

    @Override
    public Map<String, String> start() {
        return SharedDevStack.get().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; SharedDevStack stops it when the JVM exits.
    }
}
