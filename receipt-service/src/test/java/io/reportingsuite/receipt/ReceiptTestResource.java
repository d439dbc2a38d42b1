package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.reportingsuite.devstack.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * receipt-service's own test settings, on top of devstack's broker and database: a throw-away data
 * directory, free HTTP and SFTP ports, the test key pairs as the case systems' authorized keys, and short
 * notification back-off. One set per test JVM, so an application restart (another profile) finds the files
 * and delivery log of the previous one, as a real restart would.
 */
public class ReceiptTestResource implements QuarkusTestResourceLifecycleManager {

    static final Path DATA;
    static final Path KEYS;
    static final int HTTP_PORT = FreePorts.next();
    static final int SFTP_PORT = FreePorts.next();

    static {
        try {
            DATA = Files.createTempDirectory("receipt-test-");
            KEYS = DATA.resolve("test-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.ofEntries(
                Map.entry("quarkus.http.test-port", Integer.toString(HTTP_PORT)),
                Map.entry("receipt.data-dir", DATA.toString()),
                Map.entry("receipt.sftp.port", Integer.toString(SFTP_PORT)),
                Map.entry("receipt.sftp.generate-dev-keys", "false"),
                Map.entry("receipt.case-systems.KY.authorized-keys", TestKeys.write(KEYS, "KY_STYRETSFTP").toString()),
                Map.entry("receipt.case-systems.KSD.authorized-keys",
                        TestKeys.write(KEYS, "KSD_STYRETSFTP").toString()),
                Map.entry("receipt.notification.poll-interval", "1s"),
                Map.entry("receipt.notification.initial-backoff", "PT0.3S"),
                Map.entry("receipt.notification.max-backoff", "PT1S"));
    }

    @Override
    public void stop() {
        // Kept for the next application start of this JVM (see the class comment); it is a temp directory.
    }
}
