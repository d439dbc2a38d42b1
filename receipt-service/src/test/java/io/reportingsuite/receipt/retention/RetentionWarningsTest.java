package io.reportingsuite.receipt.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.reportingsuite.receipt.TestConfigs;
import io.reportingsuite.support.casesystem.CaseSystemsConfig;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.retention.RetentionWarnings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP warning port against a real HTTP server: what the case system receives, and a refusal; a port
 * without its address stops the start instead of dropping warnings; and e-mail is the default port.
 */
class RetentionWarningsTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/warnings", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theCaseSystemReceivesTheFilesAndTheDeletionDay() throws Exception {
        TestConfigs config = config(values());
        RegisteredSystem ky = config.registry().byName("KY").orElseThrow();

        warnings(config).send(java.util.Optional.of(ky), List.of("A1_SUMKVIT_1.txt", "A2_FEJLADV_2.txt"),
                LocalDate.of(2026, 12, 3));

        assertThat(received).hasSize(1);
        JsonObject warning = new JsonObject(received.get(0));
        assertThat(warning.getString("caseSystem")).isEqualTo("KY");
        assertThat(warning.getString("sftpUser")).isEqualTo("KY_STYRETSFTP");
        assertThat(warning.getString("deletionDate")).isEqualTo("2026-12-03");
        assertThat(warning.getJsonArray("files").getList()).containsExactly("A1_SUMKVIT_1.txt", "A2_FEJLADV_2.txt");
    }

    @Test
    void aRefusedWarningIsAnErrorSoTheJobTriesAgain() {
        status.set(503);
        TestConfigs config = config(values());
        RegisteredSystem ky = config.registry().byName("KY").orElseThrow();

        assertThatThrownBy(() -> warnings(config).send(java.util.Optional.of(ky),
                List.of("A1_SUMKVIT_1.txt"), LocalDate.of(2026, 12, 3)))
                .isInstanceOf(IOException.class).hasMessageContaining("503");
    }

    @Test
    void aSystemWhosePortHasNoAddressRefusesToStart() {
        Map<String, String> smtpWithoutAddress = new HashMap<>(values());
        smtpWithoutAddress.put("suite.case-systems.KY.retention-warning-channel", "SMTP");
        assertThatThrownBy(() -> warnings(config(smtpWithoutAddress)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KY.retention-warning-email");

        Map<String, String> httpWithoutUrl = new HashMap<>(values());
        httpWithoutUrl.remove("suite.case-systems.KY.retention-warning-url");
        assertThatThrownBy(() -> warnings(config(httpWithoutUrl)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KY.retention-warning-url");
    }

    @Test
    void withoutAnySettingASystemIsWarnedByEmail() {
        Map<String, String> defaults = new HashMap<>(values());
        defaults.remove("receipt.retention.warning-channel");
        defaults.remove("suite.case-systems.KY.retention-warning-url");
        defaults.put("suite.case-systems.KY.retention-warning-email", "ky-retention@kommune.example");
        TestConfigs config = config(defaults);
        RegisteredSystem ky = config.registry().byName("KY").orElseThrow();

        assertThat(config.receipt().retention().warningChannel()).isEqualTo(CaseSystemsConfig.WarningChannel.SMTP);
        assertThat(warnings(config).channel(ky)).isEqualTo(CaseSystemsConfig.WarningChannel.SMTP);

        defaults.remove("suite.case-systems.KY.retention-warning-email");
        assertThatThrownBy(() -> warnings(config(defaults)))
                .as("the default port needs each system's address").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KY.retention-warning-email");
    }

    private static RetentionWarnings warnings(TestConfigs config) {
        return new RetentionWarnings(config.registry(), "receipt.retention",
                config.receipt().retention().warningChannel(), null, java.util.Optional.empty(),
                new RetentionWarnings.Wording("Return files in the SFTP folder", "unless fetched"));
    }

    private Map<String, String> values() {
        Map<String, String> values = new HashMap<>(TestConfigs.system("KY", "A", "29800014", "31500028"));
        values.put("receipt.retention.warning-channel", "HTTP");
        values.put("suite.case-systems.KY.retention-warning-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/warnings");
        return values;
    }

    private static TestConfigs config(Map<String, String> values) {
        return TestConfigs.of(values);
    }
}
