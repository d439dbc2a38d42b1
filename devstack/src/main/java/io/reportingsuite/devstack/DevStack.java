package io.reportingsuite.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded defaults together: one Artemis broker and one PostgreSQL. Used by tests through
 * {@link io.reportingsuite.devstack.test.DevStackTestResource} / {@link io.reportingsuite.devstack.test.DevStackExtension},
 * and by {@code ./suite up} as a process through {@link #main(String[])}.
 */
public final class DevStack implements AutoCloseable {

    private final EmbeddedBroker broker;
    private final EmbeddedDatabase database;

    private DevStack(EmbeddedBroker broker, EmbeddedDatabase database) {
        this.broker = broker;
        this.database = database;
    }

    public static DevStack start(BrokerSettings brokerSettings, DatabaseSettings databaseSettings) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(brokerSettings);
        try {
            return new DevStack(broker, EmbeddedDatabase.start(databaseSettings));
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    /**
     * The Quarkus configuration that points a service at this stack: the AMQP connector, the core URL for
     * JMS, and, when {@code databaseName} is not null, the service's own database.
     */
    public Map<String, String> quarkusConfig(String databaseName) {
        Map<String, String> config = new TreeMap<>();
        config.put("amqp-host", broker.amqpHost());
        config.put("amqp-port", Integer.toString(broker.amqpPort()));
        config.put("suite.devstack.core-url", broker.coreUrl());
        if (databaseName != null) {
            config.put("quarkus.datasource.jdbc.url", database.jdbcUrl(databaseName));
            config.put("quarkus.datasource.username", databaseName);
            config.put("quarkus.datasource.password", databaseName);
        }
        return config;
    }

    @Override
    public void close() throws Exception {
        try {
            broker.close();
        } finally {
            database.close();
        }
    }

    /**
     * Runs the stack until the process is stopped (SIGTERM/SIGINT stop it cleanly).
     * Options: {@code --data DIR} (default {@code .suite/data}), {@code --amqp-port}, {@code --core-port},
     * {@code --pg-port}, {@code --status-port} (defaults 5672, 61616, 55432, 8161).
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(".suite/data");
        int amqp = 5672;
        int core = 61616;
        int pg = 55432;
        int status = 8161;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(required(args[i], value));
                case "--amqp-port" -> amqp = Integer.parseInt(required(args[i], value));
                case "--core-port" -> core = Integer.parseInt(required(args[i], value));
                case "--pg-port" -> pg = Integer.parseInt(required(args[i], value));
                case "--status-port" -> status = Integer.parseInt(required(args[i], value));
                default -> {
                    System.err.println("devstack: unknown option " + args[i]
                            + " (use --data DIR --amqp-port N --core-port N --pg-port N --status-port N)");
                    System.exit(2);
                }
            }
            i++;
        }
        Files.createDirectories(data);
        DevStack stack = start(BrokerSettings.defaults(data.resolve("broker")).withPorts(amqp, core),
                new DatabaseSettings(pg, data.resolve("postgres"), true, DatabaseSettings.SERVICE_DATABASES));
        BrokerStatusPage page = BrokerStatusPage.start(stack.broker, status);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            page.close();
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("devstack: stop failed: " + e);
            }
            stopped.countDown();
        }, "devstack-stop"));
        System.out.println("devstack ready: amqp=" + stack.broker.amqpHost() + ":" + stack.broker.amqpPort()
                + " core=" + stack.broker.coreUrl() + " postgres=" + stack.database.jdbcUrl("<ingest|receipt|debt>")
                + " broker-status=" + page.url());
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            System.err.println("devstack: " + option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
