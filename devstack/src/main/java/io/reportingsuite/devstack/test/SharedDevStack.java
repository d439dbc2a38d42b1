package io.reportingsuite.devstack.test;

import io.reportingsuite.devstack.BrokerSettings;
import io.reportingsuite.devstack.DatabaseSettings;
import io.reportingsuite.devstack.DevStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One {@link DevStack} per test JVM, started on first use on free ports with throw-away data, and stopped
 * when the JVM exits. Every test class of a module shares it: starting a broker and a PostgreSQL costs
 * seconds, and tests that need isolation use their own ids.
 */
public final class SharedDevStack {

    private static DevStack stack;

    private SharedDevStack() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            try {
                Path data = Files.createTempDirectory("suite-devstack-");
                stack = DevStack.start(BrokerSettings.forTests(data.resolve("broker")),
                        DatabaseSettings.forTests(data.resolve("postgres")));
                DevStack started = stack;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception ignored) {
                        // The JVM is going away; the temporary directory is removed below either way.
                    }
                    deleteRecursively(data);
                }, "devstack-test-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("devstack could not start", e);
            }
        }
        return stack;
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
