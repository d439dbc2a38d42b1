package io.reportingsuite.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded defaults together: the suite's Artemis broker, "SKAT's MQ" (a second broker, see
 * {@link SkatBroker}), one PostgreSQL and an SMTP server ({@link EmbeddedMail}). Used by tests through
 * {@link io.reportingsuite.devstack.test.DevStackTestResource} / {@link io.reportingsuite.devstack.test.DevStackExtension},
 * and by {@code ./suite up} as a process through {@link #main(String[])}.
 */
public final class DevStack implements AutoCloseable {

    /** Named JMS connection of quarkus-artemis-jms that the forwarder and the simulator use for SKAT's MQ. */
    public static final String SKAT_CONNECTION = "skat";
    /**
     * Named JMS connection of quarkus-artemis-jms to the suite's own broker (core protocol): ingest-service sends
     * and forwarder-service takes large forsendelser on it ({@code eindkomst.forsendelser.large}).
     */
    public static final String SUITE_CONNECTION = "suite";

    private final EmbeddedBroker broker;
    private final SkatBroker skatBroker;
    private final EmbeddedDatabase database;
    private final EmbeddedMail mail;

    private DevStack(EmbeddedBroker broker, SkatBroker skatBroker, EmbeddedDatabase database, EmbeddedMail mail) {
        this.broker = broker;
        this.skatBroker = skatBroker;
        this.database = database;
        this.mail = mail;
    }

    /** Starts the stack with SKAT's MQ on a free port, its journal next to the suite broker's. */
    public static DevStack start(BrokerSettings brokerSettings, DatabaseSettings databaseSettings) throws Exception {
        return start(brokerSettings, SkatBrokerSettings.forTests(
                brokerSettings.dataDirectory().resolveSibling("skat-broker")), databaseSettings);
    }

    /** Starts the stack with its SMTP server on a free port. */
    public static DevStack start(BrokerSettings brokerSettings, SkatBrokerSettings skatSettings,
                                 DatabaseSettings databaseSettings) throws Exception {
        return start(brokerSettings, skatSettings, databaseSettings, 0);
    }

    /** Starts the stack with its SMTP server on {@code smtpPort} (0: a free port). */
    public static DevStack start(BrokerSettings brokerSettings, SkatBrokerSettings skatSettings,
                                 DatabaseSettings databaseSettings, int smtpPort) throws Exception {
        EmbeddedMail mail = EmbeddedMail.start(smtpPort);
        EmbeddedBroker broker = null;
        SkatBroker skat = null;
        try {
            broker = EmbeddedBroker.start(brokerSettings);
            skat = SkatBroker.start(skatSettings);
            return new DevStack(broker, skat, EmbeddedDatabase.start(databaseSettings), mail);
        } catch (Exception e) {
            if (skat != null) {
                skat.close();
            }
            if (broker != null) {
                broker.close();
            }
            mail.close();
            throw e;
        }
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    /** "SKAT's MQ": only forwarder-service and skat-simulator connect to it. */
    public SkatBroker skatBroker() {
        return skatBroker;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    /** The SMTP server that stands in for a mail relay (receipt-service's retention warnings). */
    public EmbeddedMail mail() {
        return mail;
    }

    /**
     * The Quarkus configuration that points a service at this stack: the AMQP connector, the core URL for
     * JMS, SKAT's MQ as the named JMS connection {@value #SKAT_CONNECTION}, the suite broker's core protocol as
     * {@value #SUITE_CONNECTION}, and, when {@code databaseName} is not null, the service's own database.
     */
    public Map<String, String> quarkusConfig(String databaseName) {
        Map<String, String> config = new TreeMap<>();
        config.put("amqp-host", broker.amqpHost());
        config.put("amqp-port", Integer.toString(broker.amqpPort()));
        config.put("suite.devstack.core-url", broker.coreUrl());
        config.put("suite.devstack.skat-url", skatBroker.url());
        config.put("quarkus.artemis.\"" + SKAT_CONNECTION + "\".url", skatBroker.url());
        config.put("quarkus.artemis.\"" + SUITE_CONNECTION + "\".url", broker.coreUrl());
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
            mail.close();
            skatBroker.close();
            broker.close();
        } finally {
            database.close();
        }
    }

    /**
     * Runs the stack until the process is stopped (SIGTERM/SIGINT stop it cleanly).
     * Options: {@code --data DIR} (default {@code .suite/data}), {@code --amqp-port}, {@code --core-port},
     * {@code --skat-port}, {@code --pg-port}, {@code --status-port}, {@code --smtp-port} (defaults 5672, 61616,
     * 61617, 55432, 8161, 2525).
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(".suite/data");
        int amqp = 5672;
        int core = 61616;
        int skat = SkatBrokerSettings.DEFAULT_PORT;
        int pg = 55432;
        int status = 8161;
        int smtp = EmbeddedMail.DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(required(args[i], value));
                case "--amqp-port" -> amqp = Integer.parseInt(required(args[i], value));
                case "--core-port" -> core = Integer.parseInt(required(args[i], value));
                case "--skat-port" -> skat = Integer.parseInt(required(args[i], value));
                case "--pg-port" -> pg = Integer.parseInt(required(args[i], value));
                case "--status-port" -> status = Integer.parseInt(required(args[i], value));
                case "--smtp-port" -> smtp = Integer.parseInt(required(args[i], value));
                default -> {
                    System.err.println("devstack: unknown option " + args[i]
                            + " (use --data DIR --amqp-port N --core-port N --skat-port N --pg-port N --status-port N"
                            + " --smtp-port N)");
                    System.exit(2);
                }
            }
            i++;
        }
        Files.createDirectories(data);
        DevStack stack = start(BrokerSettings.defaults(data.resolve("broker")).withPorts(amqp, core),
                SkatBrokerSettings.defaults(data.resolve("skat-broker")).withPort(skat),
                new DatabaseSettings(pg, data.resolve("postgres"), true, DatabaseSettings.SERVICE_DATABASES), smtp);
        BrokerStatusPage page = BrokerStatusPage.start(stack.broker, stack.mail, status);
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
                + " core=" + stack.broker.coreUrl() + " skat-mq=" + stack.skatBroker.url() + " postgres=" + stack.database.jdbcUrl("<ingest|receipt|debt>")
                + " smtp=" + stack.mail.host() + ":" + stack.mail.smtpPort() + " broker-status=" + page.url());
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
