package io.reportingsuite.receipt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The two halves of "the case system's endpoint is down, then back, across a restart": {@link
 * NotificationOutageTest} publishes while the endpoint is unreachable, {@link NotificationRecoveryTest} runs
 * in a restarted application that can reach it. The id is shared through a system property: each
 * application start has its own class loader, the JVM is the same.
 */
final class OutageScenario {

    static final String ID = ReceiptTestResource.jvmWide("receipt-test.outage-id", () -> Samples.id('A'));

    /** A KY file due for its retention warning while KY's endpoint is down (SOAP warning port). */
    static final Path RETENTION_FILE = ReceiptTestResource.DATA.resolve("sftp/KY_STYRETSFTP").resolve(
            ReceiptTestResource.jvmWide("receipt-test.outage-retention-file",
                    () -> "retention-" + UUID.randomUUID() + "-22d.txt"));

    static void markPublished() {
        System.setProperty("receipt-test.outage-published", "true");
    }

    static boolean published() {
        return Boolean.getBoolean("receipt-test.outage-published");
    }

    private OutageScenario() {
    }

    /** {@code state/attempts} of the delivery-log row for the scenario's id, or null. */
    static String row() throws SQLException {
        String url = ReceiptTestResource.devStack().get("quarkus.datasource.jdbc.url");
        try (Connection c = DriverManager.getConnection(url, "receipt", "receipt");
             PreparedStatement s = c.prepareStatement(
                     "SELECT state, attempts FROM return_delivery WHERE hoved_id = ?")) {
            s.setString(1, ID);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) + "/" + rs.getInt(2) : null;
            }
        }
    }
}
