package io.reportingsuite.ingest.batch;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Two demo channels (an employer and a training provider, CBEs with valid mod-97 check digits) and a data
 * directory of the test's own; the channel's SFTP server stays off (the tests fire TransmissionChecked
 * themselves), the platform signing key is generated under the data directory.
 */
public class BatchOutProfile implements QuarkusTestProfile {

    static final Path DATA = tempDirectory();
    static final String EMPLOYER = "BE_EMPLOYER";
    static final String EMPLOYER_SENDER = "100001";
    static final String EMPLOYER_CBE = "1000010117";
    static final String TRAINING = "BE_TRAINING";
    static final String TRAINING_SENDER = "100004";
    static final String TRAINING_CBE = "0400000482";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("ingest.data-dir", DATA.resolve("ingest").toString()),
                Map.entry("ingest.batch-channel.enabled", "false"),
                Map.entry("ingest.batch-channel.port", "0"),
                Map.entry("ingest.batch-channel.channels." + EMPLOYER + ".sender-number", EMPLOYER_SENDER),
                Map.entry("ingest.batch-channel.channels." + EMPLOYER + ".quality", "EMPLOYER"),
                Map.entry("ingest.batch-channel.channels." + EMPLOYER + ".company-id", EMPLOYER_CBE),
                Map.entry("ingest.batch-channel.channels." + TRAINING + ".sender-number", TRAINING_SENDER),
                Map.entry("ingest.batch-channel.channels." + TRAINING + ".quality", "TRAINING_PROVIDER"),
                Map.entry("ingest.batch-channel.channels." + TRAINING + ".company-id", TRAINING_CBE),
                Map.entry("suite.platform-signing.key", DATA.resolve("platform/key.pem").toString()),
                Map.entry("suite.platform-signing.certificate", DATA.resolve("platform/certificate.pem").toString()));
    }

    /** One directory per test JVM, kept in a system property (the profile and the test may see different loaders). */
    private static synchronized Path tempDirectory() {
        String existing = System.getProperty("batch-out-test.data");
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path created = Files.createTempDirectory("batch-out-test");
            System.setProperty("batch-out-test.data", created.toString());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
