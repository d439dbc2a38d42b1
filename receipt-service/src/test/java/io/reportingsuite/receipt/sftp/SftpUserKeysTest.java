package io.reportingsuite.receipt.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.receipt.config.CaseSystemRegistry;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev key pairs for a first local run, and configured keys taking their place (plain JUnit). */
class SftpUserKeysTest {

    @TempDir
    Path data;

    @Test
    void aSystemWithoutKeysGetsAnOwnerOnlyOpenSshKeyPairOnceAndKeepsIt() throws Exception {
        ReceiptConfig config = config(Map.of());
        SftpUserKeys.Resolved first = SftpUserKeys.resolve(new CaseSystemRegistry(config), config);

        Path privateKey = data.resolve("sftp-keys/KY_STYRETSFTP");
        assertThat(first.generated()).containsEntry("KY_STYRETSFTP", privateKey.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        KeyPair pair = new FileKeyPairProvider(privateKey).loadKeys(null).iterator().next();
        assertThat(first.keys().get("KY_STYRETSFTP")).hasSize(1);
        assertThat(KeyUtils.compareKeys(first.keys().get("KY_STYRETSFTP").get(0), pair.getPublic())).isTrue();

        SftpUserKeys.Resolved second = SftpUserKeys.resolve(new CaseSystemRegistry(config), config);
        assertThat(KeyUtils.compareKeys(second.keys().get("KY_STYRETSFTP").get(0), pair.getPublic()))
                .as("the next start reuses the pair").isTrue();
    }

    @Test
    void configuredKeysReplaceTheDevKey() throws Exception {
        ReceiptConfig generated = config(Map.of());
        SftpUserKeys.resolve(new CaseSystemRegistry(generated), generated);
        String publicKeyLine = Files.readString(data.resolve("sftp-keys/KSD_STYRETSFTP.pub")).strip();

        ReceiptConfig configured = config(Map.of("receipt.case-systems.KY.authorized-keys", publicKeyLine));
        SftpUserKeys.Resolved resolved = SftpUserKeys.resolve(new CaseSystemRegistry(configured), configured);
        assertThat(resolved.generated()).doesNotContainKey("KY_STYRETSFTP");
        assertThat(KeyUtils.compareKeys(resolved.keys().get("KY_STYRETSFTP").get(0),
                resolved.keys().get("KSD_STYRETSFTP").get(0))).isTrue();
    }

    private ReceiptConfig config(Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "receipt.data-dir", data.toString(),
                // Not about warnings: the log port needs no address per system.
                "receipt.retention.warning-channel", "LOG",
                "receipt.case-systems.KY.prefix", "A",
                "receipt.case-systems.KY.sftp-user", "KY_STYRETSFTP",
                "receipt.case-systems.KY.se-numbers", "31500028",
                "receipt.case-systems.KY.notification-endpoint", "http://127.0.0.1:1/soap",
                "receipt.case-systems.KY.beskedfordeler-address", "beskedfordeler.KY",
                "receipt.case-systems.KY.kommune-cvr", "29189846"));
        values.putAll(Map.of(
                "receipt.case-systems.KSD.prefix", "B",
                "receipt.case-systems.KSD.sftp-user", "KSD_STYRETSFTP",
                "receipt.case-systems.KSD.se-numbers", "31500036",
                "receipt.case-systems.KSD.notification-endpoint", "http://127.0.0.1:1/soap",
                "receipt.case-systems.KSD.beskedfordeler-address", "beskedfordeler.KSD",
                "receipt.case-systems.KSD.kommune-cvr", "29189846"));
        values.putAll(extra);
        return new SmallRyeConfigBuilder().withMapping(ReceiptConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 100)).build()
                .getConfigMapping(ReceiptConfig.class);
    }
}
