package io.reportingsuite.receipt.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.receipt.TestConfigs;
import io.reportingsuite.support.sftp.SftpUserKeys;
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
        TestConfigs config = config(Map.of());
        SftpUserKeys.Resolved first = resolve(config);

        Path privateKey = data.resolve("sftp-keys/KY_STYRETSFTP");
        assertThat(first.generated()).containsEntry("KY_STYRETSFTP", privateKey.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        KeyPair pair = new FileKeyPairProvider(privateKey).loadKeys(null).iterator().next();
        assertThat(first.keys().get("KY_STYRETSFTP")).hasSize(1);
        assertThat(KeyUtils.compareKeys(first.keys().get("KY_STYRETSFTP").get(0), pair.getPublic())).isTrue();

        SftpUserKeys.Resolved second = resolve(config);
        assertThat(KeyUtils.compareKeys(second.keys().get("KY_STYRETSFTP").get(0), pair.getPublic()))
                .as("the next start reuses the pair").isTrue();
    }

    @Test
    void configuredKeysReplaceTheDevKey() throws Exception {
        TestConfigs generated = config(Map.of());
        resolve(generated);
        String publicKeyLine = Files.readString(data.resolve("sftp-keys/KSD_STYRETSFTP.pub")).strip();

        TestConfigs configured = config(Map.of("suite.case-systems.KY.authorized-keys", publicKeyLine));
        SftpUserKeys.Resolved resolved = resolve(configured);
        assertThat(resolved.generated()).doesNotContainKey("KY_STYRETSFTP");
        assertThat(KeyUtils.compareKeys(resolved.keys().get("KY_STYRETSFTP").get(0),
                resolved.keys().get("KSD_STYRETSFTP").get(0))).isTrue();
    }

    private static SftpUserKeys.Resolved resolve(TestConfigs config) throws Exception {
        return SftpUserKeys.resolve(config.registry(), config.receipt().dataDir(),
                config.receipt().sftp().generateDevKeys(), "receipt-service-dev");
    }

    private TestConfigs config(Map<String, String> extra) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "receipt.data-dir", data.toString(),
                // Not about warnings: the log port needs no address per system.
                "receipt.retention.warning-channel", "LOG"));
        values.putAll(TestConfigs.system("KY", "A", "29800014", "31500028"));
        values.putAll(TestConfigs.system("KSD", "B", "29800022", "31500036"));
        values.putAll(extra);
        return TestConfigs.of(values);
    }
}
