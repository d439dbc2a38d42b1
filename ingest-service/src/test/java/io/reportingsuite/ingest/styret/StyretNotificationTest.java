package io.reportingsuite.ingest.styret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EP_FS2 end to end inside ingest-service, against the real broker and PostgreSQL and a real HTTP kvittering
 * service ({@link KvitteringServer}): notification by SOAP and by trigger file, every refusal, validation
 * findings, the kvittering service down. "Nothing forwarded" is read on the real eindkomst.forsendelser queue.
 */
@QuarkusTest
@TestProfile(StyretProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class StyretNotificationTest {

    static final String PATH = "/soap/StyretNotification";
    static final String FAULT_REASON = "Envelope.Body.Fault.detail.NotificationFault.Reason";
    static final KvitteringServer KVITTERING = new KvitteringServer();

    @Inject
    StyretAreas areas;

    @Inject
    CaseSystemRegistry registry;

    @Inject
    StyretTransferRepository transfers;

    @Inject
    Event<TriggerFileUploaded> triggerFiles;

    @BeforeAll
    static void kvitteringServiceUp() throws IOException {
        KVITTERING.up();
    }

    @AfterAll
    static void kvitteringServiceDown() {
        KVITTERING.down();
    }

    /** A trigger document; every field can be changed before it is sent. */
    static final class Trigger {
        String filType = "SkatIndberet";
        String sf = "770B";
        String routing = "Routinginformation";
        String fileName;
        long size;
        String sender;
        String id;
        String recipient = StyretAreas.PLATFORM_USER;

        Trigger(String fileName, long size, String sender, String id) {
            this.fileName = fileName;
            this.size = size;
            this.sender = sender;
            this.id = id;
        }

        Trigger with(Consumer<Trigger> change) {
            change.accept(this);
            return this;
        }

        String body(String prefix) {
            return "<" + prefix + ":FileContentDescriptor><" + prefix + ":FilType>" + filType + "</" + prefix
                    + ":FilType><" + prefix + ":SF>" + sf + "</" + prefix + ":SF></" + prefix + ":FileContentDescriptor>"
                    + "<" + prefix + ":" + routing + "><" + prefix + ":FileName>" + fileName + "</" + prefix
                    + ":FileName><" + prefix + ":SizeInBytes>" + size + "</" + prefix + ":SizeInBytes><" + prefix
                    + ":Sender>" + sender + "</" + prefix + ":Sender><" + prefix + ":SendersFileId>" + id + "</"
                    + prefix + ":SendersFileId><" + prefix + ":Recipients>" + recipient + "</" + prefix
                    + ":Recipients></" + prefix + ":" + routing + ">";
        }

        String soap() {
            return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\""
                    + TriggerDocument.NAMESPACE + "\"><soapenv:Body><t:Trigger>" + body("t")
                    + "</t:Trigger></soapenv:Body></soapenv:Envelope>";
        }

        String file() {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<s:Trigger xmlns:s=\"" + TriggerDocument.NAMESPACE
                    + "\">" + body("s") + "</s:Trigger>\n";
        }
    }

    RegisteredSystem system(String name) {
        return registry.byName(name).orElseThrow();
    }

    Path upload(String system, String name, byte[] bytes) throws IOException {
        Path area = areas.uploadArea(system(system));
        Files.createDirectories(area);
        return Files.write(area.resolve(name), bytes);
    }

    static ValidatableResponse notify(String user, Trigger trigger) {
        return given().auth().preemptive().basic(user, user + "-secret").contentType("text/xml; charset=UTF-8")
                .body(trigger.soap()).post(PATH).then();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static void assertNothingForwarded(String id) throws Exception {
        assertThat(ForsendelseQueue.take(id, 300)).as("messages on eindkomst.forsendelser for " + id).isEmpty();
        assertThat(KVITTERING.receivedFor(id)).as("kvitteringer for " + id).isEmpty();
    }

    @Test
    void theWsdlIsServed() {
        given().get(PATH + "?wsdl").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("NotifyUpload"));
    }

    @Test
    void aSoapNotifiedFileIsMovedKvitteredOnceAndThenForwardedByteIdentical() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        String name = "KYIndkomst-" + id + ".txt";
        Path uploaded = upload("KY", name, file);

        String uuid = notify("ky", new Trigger(name, file.length, "KY_STYRETSFTP", id)).statusCode(200)
                .body("Envelope.Body.NotificationResponse.SendersFileId", equalTo(id),
                        "Envelope.Body.NotificationResponse.Status", equalTo("MOVED"))
                .extract().xmlPath().getString("Envelope.Body.NotificationResponse.FileTransferUUID");
        assertThat(UUID.fromString(uuid)).isNotNull();
        assertThat(uploaded).doesNotExist();
        assertThat(areas.platformFolder().resolve(uuid)).hasBinaryContent(file);

        await().atMost(Duration.ofSeconds(20)).until(() -> KVITTERING.receivedFor(id).size() == 1);
        KvitteringServer.Received kvittering = KVITTERING.receivedFor(id).get(0);
        assertThat(kvittering.fileTransferUuid()).isEqualTo(uuid);
        assertThat(kvittering.result()).isEqualTo("ACCEPTED");
        assertThat(kvittering.errors()).isEmpty();

        List<ForsendelseQueue.Received> messages = ForsendelseQueue.take(id, 5000);
        assertThat(messages).hasSize(1);
        assertThat(sha256(messages.get(0).body())).isEqualTo(sha256(file));
        assertThat(messages.get(0).properties()).containsEntry("Channel", "SFTP")
                .containsEntry("ContentSha256", sha256(file)).containsEntry("Afsender", "KOMBIT_KY");
        assertThat(KVITTERING.receivedFor(id)).hasSize(1);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonPath view = given().auth().preemptive().basic("ky", "ky-secret").get("/api/v1/indberetninger/" + id)
                    .then().statusCode(200).body("channel", equalTo("SFTP")).extract().jsonPath();
            List<String> steps = view.getList("timeline.step");
            assertThat(steps).contains("RECEIVED", "VALIDATING", "VALIDATED", "KVITTERING_DELIVERED", "QUEUED");
            assertThat(view.getList("timeline.findAll { it.step == 'VALIDATING' }.attributes.records", String.class))
                    .containsExactly("5", "10");
            assertThat(steps.indexOf("KVITTERING_DELIVERED")).isLessThan(steps.indexOf("QUEUED"));
            Map<String, String> received = view.getMap("timeline.find { it.step == 'RECEIVED' }.attributes");
            assertThat(received).containsEntry("channel", "SFTP").containsEntry("fileName", name)
                    .containsEntry("bytes", Integer.toString(file.length)).containsEntry("fileTransferUUID", uuid);
        });
        // The owner can fetch the forwarded file, streamed from the platform folder.
        byte[] archived = given().auth().preemptive().basic("ky", "ky-secret").get("/api/v1/indberetninger/" + id + "/file")
                .then().statusCode(200).extract().asByteArray();
        assertThat(archived).isEqualTo(file);

        // The same SendersFileId and bytes again: the first answer, nothing new kvitteret or forwarded.
        Path again = upload("KY", name, file);
        notify("ky", new Trigger(name, file.length, "KY_STYRETSFTP", id)).statusCode(200)
                .body("Envelope.Body.NotificationResponse.Status", equalTo("REPEATED"),
                        "Envelope.Body.NotificationResponse.FileTransferUUID", equalTo(uuid));
        assertThat(again).doesNotExist();
        assertThat(ForsendelseQueue.take(id, 1000)).isEmpty();
        assertThat(KVITTERING.receivedFor(id)).hasSize(1);
    }

    @Test
    void otherBytesUnderAKnownSendersFileIdAreRefusedByDefault() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        upload("KY", "first-" + id, file);
        notify("ky", new Trigger("first-" + id, file.length, "KY_STYRETSFTP", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> KVITTERING.receivedFor(id).size() == 1);
        assertThat(ForsendelseQueue.take(id, 5000)).hasSize(1);

        byte[] other = (new String(file, StandardCharsets.ISO_8859_1) + "").getBytes(StandardCharsets.ISO_8859_1);
        other[other.length - 3] = other[other.length - 3] == '0' ? (byte) '1' : (byte) '0';
        Path second = upload("KY", "second-" + id, other);
        notify("ky", new Trigger("second-" + id, other.length, "KY_STYRETSFTP", id)).statusCode(500)
                .body(FAULT_REASON, equalTo("CONFLICT"));
        assertThat(second).exists();
        assertThat(ForsendelseQueue.take(id, 1000)).isEmpty();
        assertThat(KVITTERING.receivedFor(id)).hasSize(1);
    }

    @Test
    void aTriggerFileNotifiesLikeTheSoapCallAndIsDeleted() throws Exception {
        String id = Samples.newId('B');
        byte[] file = Samples.withId("ksd-valid.txt", id);
        String name = "KSDIndkomst-" + id + ".txt";
        Path uploaded = upload("KSD", name, file);
        Path trigger = upload("KSD", name + ".trigger", new Trigger(name, file.length, "KSD_STYRETSFTP", id)
                .with(t -> t.routing = "FileDescriptor").file().getBytes(StandardCharsets.UTF_8));

        triggerFiles.fire(new TriggerFileUploaded(system("KSD"), name + ".trigger"));

        assertThat(trigger).doesNotExist();
        assertThat(uploaded).doesNotExist();
        await().atMost(Duration.ofSeconds(20)).until(() -> KVITTERING.receivedFor(id).size() == 1);
        assertThat(KVITTERING.receivedFor(id).get(0).result()).isEqualTo("ACCEPTED");
        List<ForsendelseQueue.Received> messages = ForsendelseQueue.take(id, 5000);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).isEqualTo(file);
        assertThat(KVITTERING.receivedFor(id)).hasSize(1);
    }

    @Test
    void everyRefusedSoapNotificationNamesItsCheckAndForwardsNothing() throws Exception {
        record Case(String reason, String fileName, Consumer<Trigger> change) {
        }
        List<Case> cases = List.of(
                new Case("FILE_NOT_FOUND", null, t -> t.fileName = "never-uploaded-" + t.id),
                new Case("SIZE_MISMATCH", null, t -> t.size = t.size + 1),
                new Case("WRONG_SENDER", null, t -> t.sender = "KSD_STYRETSFTP"),
                new Case("WRONG_RECIPIENT", null, t -> t.recipient = "KSD_STYRETSFTP"),
                new Case("WRONG_FILTYPE", null, t -> t.filType = "SkatIndberetning"),
                new Case("WRONG_SF", null, t -> t.sf = "770A"),
                new Case("WRONG_PREFIX", null, t -> t.id = "B" + t.id.substring(1)),
                new Case("TRIGGER_DATA_FILE", "data.trigger", t -> {
                }),
                new Case("FILE_NAME_INVALID", null, t -> t.fileName = "../KSD_STYRETSFTP/" + t.fileName),
                new Case("FILE_NAME_INVALID", null, t -> t.fileName = "/etc/" + t.fileName),
                new Case("FILE_NAME_INVALID", null, t -> t.fileName = "sub\\" + t.fileName),
                new Case("FILE_NAME_INVALID", null, t -> t.fileName = ".."));
        for (Case c : cases) {
            String id = Samples.newId('A');
            byte[] file = Samples.withId("ky-valid.txt", id);
            String name = c.fileName() == null ? "refused-" + id + ".txt" : c.fileName();
            Path uploaded = upload("KY", name, file);
            Trigger trigger = new Trigger(name, file.length, "KY_STYRETSFTP", id).with(c.change());
            notify("ky", trigger).statusCode(500).body(FAULT_REASON, equalTo(c.reason()));
            assertThat(uploaded).as(c.reason() + ": the file stays in the upload area").exists();
            assertNothingForwarded(id);
            assertNothingForwarded(trigger.id);
            Files.delete(uploaded);
        }
    }

    @Test
    void aRefusedTriggerFileIsRefusedWithItsReasonAndDeleted() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        String name = "trig-" + id + ".txt";
        upload("KY", name, file);
        Map<String, String> triggers = Map.of(
                "SIZE_MISMATCH", new Trigger(name, file.length - 1, "KY_STYRETSFTP", id).file(),
                "WRONG_SENDER", new Trigger(name, file.length, "KSD_STYRETSFTP", id).file(),
                "TRIGGER_UNREADABLE", "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<s:Trigger xmlns:s=\"" + TriggerDocument.NAMESPACE + "\">&x;</s:Trigger>",
                "TRIGGER_NAME", new Trigger("other-" + name, file.length, "KY_STYRETSFTP", id).file());
        for (Map.Entry<String, String> t : triggers.entrySet()) {
            Path trigger = upload("KY", name + ".trigger", t.getValue().getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> triggerFiles.fire(new TriggerFileUploaded(system("KY"), name + ".trigger")))
                    .isInstanceOf(TriggerRefused.class)
                    .satisfies(e -> assertThat(((TriggerRefused) e).reason()).isEqualTo(t.getKey()));
            assertThat(trigger).doesNotExist();
        }
        byte[] huge = new byte[70 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        upload("KY", name + ".trigger", huge);
        assertThatThrownBy(() -> triggerFiles.fire(new TriggerFileUploaded(system("KY"), name + ".trigger")))
                .satisfies(e -> assertThat(((TriggerRefused) e).reason()).isEqualTo("TRIGGER_UNREADABLE"));
        assertThat(areas.uploadArea(system("KY")).resolve(name)).exists();
        assertNothingForwarded(id);
    }

    @Test
    void aFileWithFindingsGetsANegativeKvitteringNamingThemAndIsNeverForwarded() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-invalid.txt", id);
        String name = "invalid-" + id + ".txt";
        upload("KY", name, file);
        String uuid = notify("ky", new Trigger(name, file.length, "KY_STYRETSFTP", id)).statusCode(200)
                .extract().xmlPath().getString("Envelope.Body.NotificationResponse.FileTransferUUID");

        await().atMost(Duration.ofSeconds(20)).until(() -> KVITTERING.receivedFor(id).size() == 1);
        KvitteringServer.Received kvittering = KVITTERING.receivedFor(id).get(0);
        assertThat(kvittering.fileTransferUuid()).isEqualTo(uuid);
        assertThat(kvittering.result()).isEqualTo("REFUSED");
        assertThat(kvittering.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.code()).isIn(StyretPipeline.CONTENT, StyretPipeline.AUTHORISATION, StyretPipeline.TRUNCATED);
            assertThat(e.codeDescription()).matches("[A-Z][0-9]{2}");
            assertThat(e.description()).contains("[" + e.codeDescription() + "]").doesNotContainPattern("[0-9]{10}");
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                transfers.find(UUID.fromString(uuid)).orElseThrow().state() == StyretTransferRepository.State.REFUSED);
        assertThat(ForsendelseQueue.take(id, 2000)).isEmpty();

        // The same bytes again: the same answer, no second kvittering, still nothing forwarded.
        upload("KY", name, file);
        notify("ky", new Trigger(name, file.length, "KY_STYRETSFTP", id)).statusCode(200)
                .body("Envelope.Body.NotificationResponse.Status", equalTo("REPEATED"),
                        "Envelope.Body.NotificationResponse.FileTransferUUID", equalTo(uuid));
        assertThat(ForsendelseQueue.take(id, 1000)).isEmpty();
        assertThat(KVITTERING.receivedFor(id)).hasSize(1);
    }

    @Test
    void aFileRefusedOnlyForAnotherSystemsSeNumbersCountsThoseFindingsAsItsErrors() throws Exception {
        // KY's valid sample with the SE numbers registered for KSD: the content is clean, every error is S02.
        String id = Samples.newId('A');
        byte[] file = new String(Samples.withId("ky-valid.txt", id), StandardCharsets.ISO_8859_1)
                .replace("29800014", "29800022").replace("31500028", "31500036").getBytes(StandardCharsets.ISO_8859_1);
        String name = "other-se-" + id + ".txt";
        upload("KY", name, file);
        notify("ky", new Trigger(name, file.length, "KY_STYRETSFTP", id)).statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> KVITTERING.receivedFor(id).size() == 1);
        List<KvitteringServer.Error> errors = KVITTERING.receivedFor(id).get(0).errors();
        assertThat(errors).hasSizeGreaterThanOrEqualTo(2).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(StyretPipeline.AUTHORISATION);
            assertThat(e.codeDescription()).isEqualTo("S02");
        });
        // The tracking event counts what the kvittering lists (it said errors=0 before: only content errors).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().auth().preemptive()
                .basic("ky", "ky-secret").get("/api/v1/indberetninger/" + id).then().statusCode(200).extract()
                .jsonPath().getMap("timeline.find { it.step == 'VALIDATED' }.attributes"))
                .containsEntry("outcome", "refused").containsEntry("errors", Integer.toString(errors.size())));
        assertThat(ForsendelseQueue.take(id, 1000)).isEmpty();
    }

    @Test
    void nothingIsForwardedWhileTheKvitteringServiceIsDownThenOneKvitteringAndOneForward() throws Exception {
        String id = Samples.newId('A');
        byte[] file = Samples.withId("ky-valid.txt", id);
        String name = "down-" + id + ".txt";
        upload("KY", name, file);
        KVITTERING.down();
        try {
            String uuid = notify("ky", new Trigger(name, file.length, "KY_STYRETSFTP", id)).statusCode(200)
                    .extract().xmlPath().getString("Envelope.Body.NotificationResponse.FileTransferUUID");
            // Retried with back-off, kept in the database; nothing reaches the queue meanwhile.
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    transfers.find(UUID.fromString(uuid)).orElseThrow().attempts() >= 3);
            assertThat(transfers.find(UUID.fromString(uuid)).orElseThrow().state())
                    .isEqualTo(StyretTransferRepository.State.VALIDATED);
            assertNothingForwarded(id);
        } finally {
            KVITTERING.up();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> KVITTERING.receivedFor(id).size() == 1);
        assertThat(ForsendelseQueue.take(id, 5000)).hasSize(1);
        assertThat(KVITTERING.receivedFor(id)).hasSize(1);
    }
}
