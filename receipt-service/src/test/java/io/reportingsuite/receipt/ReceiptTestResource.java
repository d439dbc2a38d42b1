package io.reportingsuite.receipt;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.reportingsuite.devstack.FreePorts;
import io.reportingsuite.devstack.test.SharedDevStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The test environment of receipt-service: devstack's broker and the {@code receipt} database, a throw-away
 * data directory, free HTTP and SFTP ports, the test key pairs as the case systems' authorized keys, and
 * short notification back-off. One set per test JVM, so an application restart (another test profile) finds
 * the broker, delivery log and files of the previous start, as a real restart would. Each application start
 * loads test and workspace classes afresh (so a static, like {@code SharedDevStack}'s, does not survive
 * it); the JVM-wide values therefore live in system properties, and the stack started first keeps running
 * until the JVM exits.
 */
public class ReceiptTestResource implements QuarkusTestResourceLifecycleManager {

    // Each application start loads test classes afresh, so JVM-wide values live in system properties.
    static final Path DATA = Path.of(jvmWide("receipt-test.data", () -> tempDirectory().toString()));
    static final Path KEYS = DATA.resolve("test-keys");
    static final int HTTP_PORT = Integer.parseInt(jvmWide("receipt-test.http-port", () -> "" + FreePorts.next()));
    static final int SFTP_PORT = Integer.parseInt(jvmWide("receipt-test.sftp-port", () -> "" + FreePorts.next()));
    /** Retention warnings: KY takes the SOAP port, KSD the default port (e-mail) to this address. */
    static final String KSD_WARNING_EMAIL = "ksd-retention@kommune.example";

    static synchronized String jvmWide(String key, java.util.function.Supplier<String> initial) {
        String value = System.getProperty(key);
        if (value == null) {
            value = initial.get();
            System.setProperty(key, value);
        }
        return value;
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("receipt-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.TreeMap<>(devStack());
        config.putAll(Map.ofEntries(
                Map.entry("quarkus.http.test-port", Integer.toString(HTTP_PORT)),
                Map.entry("receipt.data-dir", DATA.toString()),
                Map.entry("receipt.sftp.port", Integer.toString(SFTP_PORT)),
                Map.entry("receipt.sftp.generate-dev-keys", "false"),
                // The registry itself is the shared test registry (service-support); here only what is this
                // test environment's: keys, the stub on the test port, the warning ports.
                Map.entry("suite.case-systems.KY.authorized-keys", TestKeys.publicKey("KY_STYRETSFTP").toString()),
                Map.entry("suite.case-systems.KSD.authorized-keys", TestKeys.publicKey("KSD_STYRETSFTP").toString()),
                Map.entry("suite.case-systems.KY.notification-endpoint", stub()),
                Map.entry("suite.case-systems.KSD.notification-endpoint", stub()),
                Map.entry("receipt.notification.poll-interval", "1s"),
                Map.entry("receipt.notification.initial-backoff", "PT0.3S"),
                Map.entry("receipt.notification.max-backoff", "PT1S"),
                Map.entry("suite.case-systems.KY.retention-warning-channel", "SOAP"),
                Map.entry("suite.case-systems.KSD.retention-warning-email", KSD_WARNING_EMAIL),
                // The real mailer against a real SMTP server, not Quarkus' mock mailbox.
                Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", Integer.toString(MailServer.smtpPort())),
                Map.entry("quarkus.mailer.start-tls", "DISABLED")));
        return config;
    }

    /** The recording case-system notification endpoint of the service under test. */
    static String stub() {
        return "http://127.0.0.1:" + HTTP_PORT + "/soap/casesystem";
    }

    /** devstack's settings for receipt-service (AMQP, JDBC), from the stack this JVM started first. */
    static Map<String, String> devStack() {
        String encoded = jvmWide("receipt-test.devstack", () -> {
            java.util.Properties properties = new java.util.Properties();
            properties.putAll(SharedDevStack.get().quarkusConfig("receipt"));
            java.io.StringWriter out = new java.io.StringWriter();
            try {
                properties.store(out, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        });
        java.util.Properties properties = new java.util.Properties();
        try {
            properties.load(new java.io.StringReader(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new java.util.TreeMap<>();
        properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
        return config;
    }

    @Override
    public void stop() {
        // Kept for the next application start of this JVM (see the class comment); it is a temp directory.
    }
}
