package io.reportingsuite.support.casesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared registry read from the shipped local-run values (the same file every service reads), its
 * lookups, and a broken registry refused with every problem named (plain JUnit, SmallRye Config as Quarkus
 * builds it).
 */
class CaseSystemRegistryTest {

    private static final String SHIPPED = "META-INF/microprofile-config.properties";

    @Test
    void theLocalRunRegistryIsOnlyInTheLocalDevAndTestProfiles() {
        assertThat(registry("local").all()).extracting(RegisteredSystem::name).containsExactly("KSD", "KY");
        assertThat(registry("test").all()).hasSize(2);
        assertThatThrownBy(() -> registry("prod")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("suite.case-systems: no case system is registered");
    }

    @Test
    void everyLookupFindsItsSystemAndNothingElse() {
        CaseSystemRegistry registry = registry("test");
        RegisteredSystem ky = registry.byName("KY").orElseThrow();

        assertThat(ky.prefix()).isEqualTo("A");
        assertThat(ky.caseSystem()).isEqualTo(CaseSystem.KY);
        assertThat(ky.mode()).isEqualTo(ValidationOptions.Mode.STRICT);
        assertThat(ky.seNumbers()).containsExactlyInAnyOrder("29800014", "31500028", "31500044", "31500052");
        assertThat(registry.owner("A2025KY000000001")).contains(ky);
        assertThat(registry.byHovedIndberetningId("B2025KSD00000001")).map(RegisteredSystem::name).contains("KSD");
        assertThat(registry.owner("C2025XX000000001")).isEmpty();
        assertThat(registry.owner("")).isEmpty();
        assertThat(registry.bySeNummer("29800014")).contains(ky);
        assertThat(registry.bySeNummer("31500036")).map(RegisteredSystem::name).contains("KSD");
        assertThat(registry.bySftpUser("KY_STYRETSFTP")).contains(ky);
        assertThat(registry.bySftpUser("ky_styretsftp")).isEmpty();
        assertThat(registry.byCredentials("ky", "ky-secret")).contains(ky);
        assertThat(registry.byCredentials("ky", "ksd-secret")).isEmpty();
        assertThat(registry.byCredentials("ky", "ky-secre")).isEmpty();
        assertThat(registry.byCertificateSubject("CN=KY,O=KOMBIT,C=DK")).contains(ky);
        assertThat(registry.byCertificateSubject("CN=KY,O=Other,C=DK")).isEmpty();
    }

    @Test
    void aKommuneSeNamesItsKommuneAndAnIndberetterSeNone() {
        CaseSystemRegistry registry = registry("test");

        assertThat(registry.kommune("31500028")).map(CaseSystemRegistry.Kommune::cvr).contains("29189846");
        assertThat(registry.kommune("31500044")).map(CaseSystemRegistry.Kommune::cvr).contains("29189854");
        assertThat(registry.kommune("31500052")).map(k -> k.system().name() + "/" + k.cvr()).contains("KY/29189862");
        assertThat(registry.kommune("31500036")).map(k -> k.system().name()).contains("KSD");
        assertThat(registry.kommune("29800014")).as("an Indberetter SE is no kommune").isEmpty();
        assertThat(registry.kommune("31500060")).isEmpty();
    }

    /** The SE numbers the samples report with are the registered ones (record 1000 field 5, 2001 field 4). */
    @Test
    void theSamplesReportForRegisteredSeNumbers() throws IOException {
        CaseSystemRegistry registry = registry("test");
        Path samples = Path.of("..", "samples", "eindkomst");
        for (String[] sample : new String[][] {{"ky-valid.txt", "KY"}, {"ksd-valid.txt", "KSD"}}) {
            List<String> lines = Files.readAllLines(samples.resolve(sample[0]), StandardCharsets.ISO_8859_1);
            RegisteredSystem system = registry.byName(sample[1]).orElseThrow();
            // Record 1000 field 5 at position 26 (length 8); record 2001 field 4 at position 28 (length 8).
            String indberetter = lines.get(0).substring(25, 33);
            String kommune = lines.get(1).substring(27, 35);
            assertThat(system.config().indberetterSe()).as(sample[0] + " record 1000").contains(indberetter);
            assertThat(system.kommuneCvr(kommune)).as(sample[0] + " record 2001").isPresent();
        }
    }

    @Test
    void aBrokenRegistryIsRefusedWithEveryProblemNamed() {
        Map<String, String> broken = new HashMap<>(Map.of(
                "suite.case-systems.KY.prefix", "B",
                "suite.case-systems.KY.kommuner.31500036", "29189846",
                "suite.case-systems.KY.kommuner.31500029", "29189846",
                "suite.case-systems.KY.username", "ky2",
                "suite.case-systems.KSD.indberetter-se", "29800022,29800022"));

        assertThatThrownBy(() -> registry("test", broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("suite.case-systems.KY.prefix: edb-system KOMBIT_KY reports with prefix A")
                .hasMessageContaining("suite.case-systems: prefix 'B' is registered for both KSD and KY")
                .hasMessageContaining("suite.case-systems.KY.kommuner: '31500029' is not a valid SE number (CHECKSUM")
                .hasMessageContaining("SE number '31500036' is registered for both KSD and KY")
                .hasMessageContaining("suite.case-systems.KSD: SE number '29800022' is listed twice");
    }

    @Test
    void credentialsComeInPairsAndAKommuneCvrMustBeACvr() {
        Map<String, String> broken = Map.of(
                "suite.case-systems.X.prefix", "X",
                "suite.case-systems.X.edb-system", "OTHER",
                "suite.case-systems.X.sftp-user", "X_STYRETSFTP",
                "suite.case-systems.X.indberetter-se", "29800030",
                "suite.case-systems.X.kommuner.31500060", "1234",
                "suite.case-systems.X.notification-endpoint", "http://127.0.0.1:1/soap",
                "suite.case-systems.X.beskedfordeler-address", "beskedfordeler.X",
                "suite.case-systems.X.username", "x");

        assertThatThrownBy(() -> registry("prod", broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("suite.case-systems.X.kommuner.31500060: '1234' is not a valid CVR number")
                .hasMessageContaining("suite.case-systems.X: username and password go together");
    }

    private static CaseSystemRegistry registry(String profile) {
        return registry(profile, Map.of());
    }

    /** The registry as a service with this profile builds it: the shipped file at ordinal 100, then overrides. */
    private static CaseSystemRegistry registry(String profile, Map<String, String> overrides) {
        URL shipped = CaseSystemRegistryTest.class.getClassLoader().getResource(SHIPPED);
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile(profile)
                    .withMapping(CaseSystemsConfig.class)
                    .withSources(new PropertiesConfigSource(shipped, 100))
                    .withSources(new PropertiesConfigSource(overrides, "test", 300))
                    // Other suite.* settings (e.g. devstack's) must not disturb the registry.
                    .withSources(new PropertiesConfigSource(Map.of("suite.devstack.core-url", "tcp://x"), "other", 50))
                    .withValidateUnknown(true)
                    .build();
            return new CaseSystemRegistry(config.getConfigMapping(CaseSystemsConfig.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
