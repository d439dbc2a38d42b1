package io.reportingsuite.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up checks of the channel configuration (plain JUnit). */
class BatchChannelsTest {

    private record TestChannel(String senderNumber, Quality quality, String companyId, Optional<String> authorizedKeys,
                               Optional<String> signingCertificates) implements BatchChannelConfig.Channel {
        TestChannel(String senderNumber, Quality quality, String companyId) {
            this(senderNumber, quality, companyId, Optional.empty(), Optional.empty());
        }
    }

    private final Map<String, BatchChannelConfig.Channel> channels = new LinkedHashMap<>();

    @Test
    void theDemoChannelsAreAccepted() {
        channels.put("BE_EMPLOYER", new TestChannel("100001", Quality.EMPLOYER, "0100000169"));
        channels.put("BE_SOCSEC", new TestChannel("100002", Quality.SOCIAL_SECRETARIAT, "0200.000.241"));
        channels.put("BE_PROVIDER", new TestChannel("100003", Quality.SERVICE_PROVIDER, "0300000313"));
        channels.put("BE_TRAINING", new TestChannel("100004", Quality.TRAINING_PROVIDER, "BE0400000482"));
        assertThat(BatchChannels.problems(channels, Map.of())).isEmpty();
    }

    @Test
    void oneEnterpriseMayHaveOneChannelPerQuality() {
        channels.put("A", new TestChannel("100001", Quality.SOCIAL_SECRETARIAT, "0200000241"));
        channels.put("B", new TestChannel("100002", Quality.SERVICE_PROVIDER, "0200000241"));
        assertThat(BatchChannels.problems(channels, Map.of())).as("two qualities").isEmpty();
        channels.put("C", new TestChannel("100003", Quality.SOCIAL_SECRETARIAT, "0200.000.241"));
        assertThat(BatchChannels.problems(channels, Map.of())).singleElement().asString()
                .contains("Channel C").contains("SOCIAL_SECRETARIAT channel A").doesNotContain("0200");
    }

    @Test
    void aSenderNumberIsSixDigitsAndBelongsToOneChannel() {
        channels.put("A", new TestChannel("10001", Quality.EMPLOYER, "0100000169"));
        channels.put("B", new TestChannel("1000021", Quality.EMPLOYER, "0200000241"));
        channels.put("C", new TestChannel("100003", Quality.EMPLOYER, "0300000313"));
        channels.put("D", new TestChannel("100003", Quality.EMPLOYER, "0400000482"));
        assertThat(BatchChannels.problems(channels, Map.of())).containsExactly(
                "Channel A: the sender number must be 6 digits.",
                "Channel B: the sender number must be 6 digits.",
                "Channel D: its sender number is already channel C's; a sender number belongs to one channel.");
    }

    @Test
    void anInvalidEnterpriseNumberIsRefused() {
        channels.put("A", new TestChannel("100001", Quality.EMPLOYER, "0100000170"));
        channels.put("B", new TestChannel("100002", Quality.EMPLOYER, "2100000169"));
        assertThat(BatchChannels.problems(channels, Map.of())).containsExactly(
                "Channel A: The company-id has check digits that do not match.",
                "Channel B: The company-id does not start with an allowed digit.");
    }

    @Test
    void unreadableSigningCertificatesAreRefused(@TempDir Path dir) throws Exception {
        Path notPem = java.nio.file.Files.writeString(dir.resolve("cert.pem"), "not a certificate");
        channels.put("A", new TestChannel("100001", Quality.EMPLOYER, "0100000169", Optional.empty(),
                Optional.of(notPem.toString())));
        assertThat(BatchChannels.problems(channels, Map.of())).singleElement().asString()
                .startsWith("Channel A: the signing-certificates file");
    }
}
