package io.reportingsuite.receipt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.receipt.soap.CaseSystemStub;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EP_FS3 end to end: a return document published on {@code eindkomst.retur} (real broker) becomes the
 * byte-exact file in the right case system's folder, downloadable over real SFTP with that system's key and
 * invisible to the other system, and the case system gets exactly one SOAP notification (real CXF).
 * Over the network only; {@link ReturnFileDeliveryIT} runs it against the packaged artifact.
 */
@QuarkusTest
@QuarkusTestResource(ReceiptTestResource.class)
class ReturnFileDeliveryTest {

    private static AmqpTestClient amqp;
    private static BlockingQueue<AmqpMessage> tracking;
    private static final List<JsonObject> trackingSeen = new ArrayList<>();

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient();
        tracking = amqp.subscribe("suite.tracking");
    }

    @AfterAll
    static void disconnect() {
        amqp.close();
    }

    @Test
    void sumkvitteringReachesKyOnlyByteExactWithOneNotification() throws Exception {
        String id = Samples.id('A');
        byte[] body = Samples.sumkvittering(id, "KOMBIT_KY", "31500028");
        amqp.sendRetur("SUMKVITTERING", id, "29800014", "KY", "skat-" + UUID.randomUUID(), UUID.randomUUID().toString(),
                body);

        String name = awaitDelivered(id, "KY_STYRETSFTP", "SUMKVIT", body);
        assertOtherSystemCannotSeeIt("KSD_STYRETSFTP", "KY_STYRETSFTP", name);
        awaitTracking(id, "CASE_SYSTEM_NOTIFIED", "delivered");
        awaitTracking(id, "RETURN_FILE_WRITTEN", null);
    }

    @Test
    void skatFejladviseringReachesKsdOnly() throws Exception {
        String id = Samples.id('B');
        byte[] body = Samples.skatFejladvisering(id, "KOMBIT_KSD", "31500036");
        amqp.sendRetur("FEJLADVISERING", id, "29800022", "KSD", "skat-" + UUID.randomUUID(),
                UUID.randomUUID().toString(), body);

        String name = awaitDelivered(id, "KSD_STYRETSFTP", "FEJLADV", body);
        assertOtherSystemCannotSeeIt("KY_STYRETSFTP", "KSD_STYRETSFTP", name);
    }

    @Test
    void platformFejladviseringReachesKyOnly() throws Exception {
        String id = Samples.id('A');
        byte[] body = Samples.platformFejladvisering(id);
        amqp.sendRetur("FEJLADVISERING", id, "29800014", "KY", null, "platform-" + id, body);

        String name = awaitDelivered(id, "KY_STYRETSFTP", "FEJLADV", body);
        assertOtherSystemCannotSeeIt("KSD_STYRETSFTP", "KY_STYRETSFTP", name);
    }

    @Test
    void aRedeliveredSkatMessageAddsNoFileAndNoNotification() throws Exception {
        String id = Samples.id('A');
        byte[] body = Samples.sumkvittering(id, "KOMBIT_KY", "31500028");
        String skatMessageId = "skat-" + UUID.randomUUID();
        amqp.sendRetur("SUMKVITTERING", id, "29800014", "KY", skatMessageId, UUID.randomUUID().toString(), body);
        awaitDelivered(id, "KY_STYRETSFTP", "SUMKVIT", body);

        // Same SKAT message again, past the broker's duplicate detection (a new duplicate id).
        amqp.sendRetur("SUMKVITTERING", id, "29800014", "KY", skatMessageId, UUID.randomUUID().toString(), body);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15)).until(() ->
                filesOf("KY_STYRETSFTP", id).size() == 1 && notificationsFor(id).size() == 1);
    }

    @Test
    void anUnknownPrefixIsQuarantinedNeverDelivered() throws Exception {
        String id = Samples.id('C');
        byte[] body = Samples.sumkvittering(id, "KOMBIT_KY", "31500028");
        amqp.sendRetur("SUMKVITTERING", id, "29800014", null, "skat-" + UUID.randomUUID(),
                UUID.randomUUID().toString(), body);

        Path quarantine = ReceiptTestResource.DATA.resolve("quarantine");
        await().atMost(Duration.ofSeconds(20)).until(() -> list(quarantine).stream().anyMatch(n -> n.startsWith(id)));
        assertThat(filesOf("KY_STYRETSFTP", id)).isEmpty();
        assertThat(filesOf("KSD_STYRETSFTP", id)).isEmpty();
        // The counter follows the file: awaited (the packaged application answered before it was counted).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/metrics").then()
                .statusCode(200).body(containsString("receipt_return_quarantined_total{reason=\"unknown-prefix\"}")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> notificationsFor(id).isEmpty());
    }

    @Test
    void aCaseSystemCanDeleteButNotWriteRenameOrEscape() throws Exception {
        String id = Samples.id('A');
        byte[] body = Samples.sumkvittering(id, "KOMBIT_KY", "31500028");
        amqp.sendRetur("SUMKVITTERING", id, "29800014", "KY", "skat-" + UUID.randomUUID(), UUID.randomUUID().toString(),
                body);
        String name = awaitDelivered(id, "KY_STYRETSFTP", "SUMKVIT", body);

        try (SftpTestClient ky = new SftpTestClient("KY_STYRETSFTP", TestKeys.of("KY_STYRETSFTP"))) {
            assertThat(ky.canonical("..")).isEqualTo("/");
            assertThat(ky.list("/..")).contains(name).doesNotContain("KSD_STYRETSFTP", "KY_STYRETSFTP");
            assertThatThrownBy(() -> ky.upload("/evil.txt", new byte[] {1})).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> ky.upload("/" + name, new byte[] {1})).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> ky.mkdir("/sub")).isInstanceOf(IOException.class);
            assertThat(ky.download("/" + name)).isEqualTo(body);
            ky.delete("/" + name);
            assertThat(ky.list("/")).doesNotContain(name);
        }
        assertThat(Files.exists(ReceiptTestResource.DATA.resolve("sftp/KY_STYRETSFTP/evil.txt"))).isFalse();
    }

    @Test
    void theOpenSshClientFetchesTheFileWithTheSystemsKeyOnly() throws Exception {
        Path sftp = Path.of("/usr/bin/sftp");
        Assumptions.assumeTrue(Files.isExecutable(sftp), "OpenSSH sftp is installed");
        String id = Samples.id('B');
        byte[] body = Samples.sumkvittering(id, "KOMBIT_KSD", "31500036");
        amqp.sendRetur("SUMKVITTERING", id, "29800022", "KSD", "skat-" + UUID.randomUUID(),
                UUID.randomUUID().toString(), body);
        String name = awaitDelivered(id, "KSD_STYRETSFTP", "SUMKVIT", body);

        Path target = Files.createTempDirectory("openssh-get-");
        assertThat(openSsh("KSD_STYRETSFTP", "KSD_STYRETSFTP", "get " + name + " " + target + "/")).isZero();
        assertThat(Files.readAllBytes(target.resolve(name))).isEqualTo(body);
        assertThat(openSsh("KY_STYRETSFTP", "KSD_STYRETSFTP", "get " + name + " " + target + "/other"))
                .as("KSD's key does not log in as KY").isNotZero();
        assertThat(openSsh("KY_STYRETSFTP", "KY_STYRETSFTP", "get " + name + " " + target + "/other"))
                .as("KY does not see KSD's file").isNotZero();
        assertThat(target.resolve("other")).doesNotExist();
    }

    /** Runs the exact command line ./suite up prints, in batch mode; returns sftp's exit code. */
    private static int openSsh(String user, String keyOf, String command) throws Exception {
        Path batch = Files.createTempFile("sftp-batch-", ".txt");
        Files.writeString(batch, command + "\n");
        Process process = new ProcessBuilder("/usr/bin/sftp", "-i",
                ReceiptTestResource.KEYS.resolve(keyOf).toString(), "-P",
                Integer.toString(ReceiptTestResource.SFTP_PORT), "-o", "StrictHostKeyChecking=accept-new",
                "-o", "UserKnownHostsFile=" + ReceiptTestResource.DATA.resolve("known_hosts"), "-o",
                "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-b", batch.toString(), user + "@127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Test
    void theConnectionFileListsEveryCaseSystemForTheEndpointsScript() throws Exception {
        List<String> lines = Files.readAllLines(ReceiptTestResource.DATA.resolve("sftp-users.txt"));
        int port = ReceiptTestResource.SFTP_PORT;
        assertThat(lines).contains("KY KY_STYRETSFTP 127.0.0.1 " + port + " -",
                "KSD KSD_STYRETSFTP 127.0.0.1 " + port + " -");
    }

    @Test
    void aKeyOfAnotherUserOrNoKeyCannotLogIn() {
        assertThatThrownBy(() -> new SftpTestClient("KY_STYRETSFTP", TestKeys.of("KSD_STYRETSFTP")).close())
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> new SftpTestClient("KY_STYRETSFTP", TestKeys.of("stranger")).close())
                .isInstanceOf(Exception.class);
    }

    /** Waits for the file and its one notification; checks bytes on disk and over SFTP. */
    private String awaitDelivered(String id, String user, String type, byte[] body) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> filesOf(user, id).size() == 1);
        String name = filesOf(user, id).get(0);
        assertThat(name).matches(id + "_" + type + "_\\d{17}\\.txt");
        assertThat(Files.readAllBytes(ReceiptTestResource.DATA.resolve("sftp").resolve(user).resolve(name)))
                .isEqualTo(body);
        try (SftpTestClient client = new SftpTestClient(user, TestKeys.of(user))) {
            assertThat(client.list("/")).contains(name);
            assertThat(client.download("/" + name)).isEqualTo(body);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> notificationsFor(id).size() == 1);
        CaseSystemStub.Received notification = notificationsFor(id).get(0);
        assertThat(notification.fileName()).isEqualTo(name);
        assertThat(notification.sizeInBytes()).isEqualTo(body.length);
        assertThat(notification.recipients()).containsExactly(user);
        assertThat(notification.sender()).isEqualTo("SP_STYRETSFTP_SKAT_IndkomstIndberet");
        assertThat(notification.filType()).isEqualTo("SkatIndberetSvar");
        assertThat(notification.sf()).isEqualTo("770B");
        assertThat(UUID.fromString(notification.fileTransferUuid())).isNotNull();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> notificationsFor(id).size() == 1);
        return name;
    }

    private static void assertOtherSystemCannotSeeIt(String other, String owner, String name) throws Exception {
        try (SftpTestClient client = new SftpTestClient(other, TestKeys.of(other))) {
            assertThat(client.list("/")).doesNotContain(name);
            assertThatThrownBy(() -> client.download("/" + name)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.download("/../" + owner + "/" + name)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.download("../../sftp/" + owner + "/" + name))
                    .isInstanceOf(IOException.class);
        }
    }

    private static void awaitTracking(String id, String step, String outcome) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AmqpMessage m;
            while ((m = tracking.poll()) != null) {
                trackingSeen.add(new JsonObject(m.bodyAsString()));
            }
            return trackingSeen.stream().anyMatch(e -> id.equals(e.getString("hovedIndberetningId"))
                    && step.equals(e.getString("step"))
                    && (outcome == null || outcome.equals(e.getJsonObject("attributes").getString("outcome"))));
        });
    }

    /**
     * The stand-in case system's notifications for one file, read over its REST API as the demo does (no
     * injected bean, so {@link ReturnFileDeliveryIT} runs this class against the packaged artifact). An HTTP
     * call on a loaded build machine can take seconds, hence the 10-15 s bounds of the "stays so" waits.
     */
    static List<CaseSystemStub.Received> notificationsFor(String id) {
        return Stream.of(given().get("/api/v1/case-system-stub/notifications").then().statusCode(200).extract()
                .as(CaseSystemStub.Received[].class)).filter(r -> r.sendersFileIds().contains(id)).toList();
    }

    static List<String> filesOf(String user, String id) throws IOException {
        return list(ReceiptTestResource.DATA.resolve("sftp").resolve(user)).stream()
                .filter(n -> n.startsWith(id) && n.endsWith(".txt")).toList();
    }

    static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
