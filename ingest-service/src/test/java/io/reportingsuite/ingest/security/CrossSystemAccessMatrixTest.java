package io.reportingsuite.ingest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.styret.KvitteringServer;
import io.reportingsuite.ingest.styret.StyretAreas;
import io.reportingsuite.ingest.styret.StyretChannelsProfile;
import io.reportingsuite.ingest.styret.StyretSftpProfile;
import io.reportingsuite.ingest.styret.StyretSftpServer;
import io.reportingsuite.ingest.styret.TriggerDocument;
import io.reportingsuite.ingest.support.ForsendelseQueue;
import io.reportingsuite.ingest.support.RawHttp;
import io.reportingsuite.ingest.support.Samples;
import io.reportingsuite.ingest.support.Soap;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cross-system access matrix of ingest-service's case-system channels (issue 14): every registered case system
 * as caller against every other system's resources on REST (submit, track-and-trace read, the forwarded file, the
 * list), SOAP EP_FS1 (another system's id, another system's SE numbers under the caller's own id), the Styret SOAP
 * notification (another system's sender, a path into another system's area) and the Styret SFTP server (another
 * system's user with the caller's key, the other area from inside the caller's own chroot), plus the mandate
 * administration API. The pairs come from the registry, so a new case system is covered as soon as it is
 * registered (and needs a {@code <name>-valid.txt} sample and an SFTP key in the profile, or the test fails). Each
 * refusal is paired with the owner's own access succeeding on the same channel, so no row can pass vacuously.
 */
@QuarkusTest
@TestProfile(StyretChannelsProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class CrossSystemAccessMatrixTest {

    private static final String API = "/api/v1/indberetninger";
    private static final String NOTIFY = "/soap/StyretNotification";
    private static final String MANDATES = "/api/v1/batch-channel/mandates";
    private static final String FAULT = "Envelope.Body.Fault";
    private static final KvitteringServer KVITTERING = new KvitteringServer();

    @Inject
    CaseSystemRegistry registry;

    @Inject
    StyretAreas areas;

    @Inject
    StyretSftpServer sftpServer;

    @TestHTTPResource("/")
    URL root;

    private final SshClient ssh = SshClient.setUpDefaultClient();
    private final List<ClientSession> sessions = new ArrayList<>();

    /** One ordered pair: {@code caller} tries {@code owner}'s resource. */
    record Pair(RegisteredSystem caller, RegisteredSystem owner) {
        @Override
        public String toString() {
            return caller.name() + " -> " + owner.name() + "'s";
        }
    }

    @BeforeAll
    static void kvitteringServiceUp() throws IOException {
        KVITTERING.up();
    }

    @AfterAll
    static void kvitteringServiceDown() {
        KVITTERING.down();
    }

    @BeforeEach
    void start() {
        ssh.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (ClientSession session : sessions) {
            session.close();
        }
        ssh.stop();
    }

    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (RegisteredSystem caller : registry.all()) {
            for (RegisteredSystem owner : registry.all()) {
                if (!caller.name().equals(owner.name())) {
                    pairs.add(new Pair(caller, owner));
                }
            }
        }
        assertThat(pairs).as("the registry has at least two case systems to cross").isNotEmpty();
        return pairs;
    }

    private static String sample(RegisteredSystem system) {
        return system.name().toLowerCase() + "-valid.txt";
    }

    private static String newId(RegisteredSystem system) {
        assertThat(system.prefix()).hasSize(1);
        return Samples.newId(system.prefix().charAt(0));
    }

    private static RequestSpecification as(RegisteredSystem system) {
        return given().auth().preemptive().basic(system.config().username().orElseThrow(),
                system.config().password().orElseThrow());
    }

    private static String basic(RegisteredSystem system) {
        return RawHttp.basic(system.config().username().orElseThrow(), system.config().password().orElseThrow());
    }

    private static String json(String id, byte[] payload) {
        return "{\"hovedIndberetningId\":\"" + id + "\",\"indberetning\":\""
                + Base64.getEncoder().encodeToString(payload) + "\"}";
    }

    /** Submits one of the owner's forsendelser as the owner (202, forwarded once) and returns its id. */
    private String ownersForsendelse(RegisteredSystem owner) throws Exception {
        String id = newId(owner);
        as(owner).contentType(ContentType.JSON).body(json(id, Samples.withId(sample(owner), id))).post(API).then()
                .statusCode(202);
        assertThat(ForsendelseQueue.take(id, 5000)).as("%s's own submission is forwarded", owner.name()).hasSize(1);
        return id;
    }

    @Test
    void restSubmitAndTrackingReadsOfAnotherSystemAreRefused() throws Exception {
        for (Pair p : pairs()) {
            String theirs = ownersForsendelse(p.owner());
            int port = root.getPort();
            // The owner reads its own: the test is not vacuous.
            assertThat(RawHttp.send("127.0.0.1", port, "GET", API + "/" + theirs, basic(p.owner()), null, null)
                    .status()).as("%s reads its own", p.owner().name()).isEqualTo(200);
            assertThat(as(p.owner()).get(API).then().statusCode(200).extract().jsonPath()
                    .getList("hovedIndberetningId", String.class)).as("%s lists its own", p.owner().name())
                    .contains(theirs);

            RawHttp.Answer unknown = RawHttp.send("127.0.0.1", port, "GET", API + "/" + newId(p.owner()),
                    basic(p.caller()), null, null);
            assertThat(unknown.status()).isEqualTo(404);
            RawHttp.Answer read = RawHttp.send("127.0.0.1", port, "GET", API + "/" + theirs, basic(p.caller()), null,
                    null);
            assertThat(read.status()).as("%s forsendelse: track-and-trace", p).isEqualTo(404);
            assertThat(read.body()).as("%s forsendelse: same answer as an unknown id", p).isEqualTo(unknown.body());
            RawHttp.Answer file = RawHttp.send("127.0.0.1", port, "GET", API + "/" + theirs + "/file",
                    basic(p.caller()), null, null);
            assertThat(file.status()).as("%s forsendelse: its file", p).isEqualTo(404);
            assertThat(file.body()).as("%s forsendelse: no data", p).doesNotContain(theirs);
            assertThat(as(p.caller()).get(API).then().statusCode(200).extract().jsonPath()
                    .getList("hovedIndberetningId", String.class)).as("%s list", p).doesNotContain(theirs);
            as(p.caller()).queryParam("system", p.owner().name()).get(API).then().statusCode(403);

            // Submitting under the owner's id (JSON and plain file) is refused and nothing is forwarded.
            String id = newId(p.owner());
            byte[] ownerFile = Samples.withId(sample(p.owner()), id);
            as(p.caller()).contentType(ContentType.JSON).body(json(id, ownerFile)).post(API).then().statusCode(403);
            as(p.caller()).contentType(ContentType.TEXT).header("HovedIndberetningID", id).body(ownerFile)
                    .post(API).then().statusCode(403);
            // The caller's own id on the owner's file (the owner's SE numbers) is refused too.
            String own = newId(p.caller());
            as(p.caller()).contentType(ContentType.JSON).body(json(own, Samples.withId(sample(p.owner()), own)))
                    .post(API).then().statusCode(403);
            assertThat(ForsendelseQueue.take(id, 300)).as("%s id: nothing forwarded", p).isEmpty();
            assertThat(ForsendelseQueue.take(own, 300)).as("%s SE numbers: nothing forwarded", p).isEmpty();
        }
    }

    @Test
    void soapSubmissionsUnderAnotherSystemsIdOrSeNumbersAreRefused() throws Exception {
        for (Pair p : pairs()) {
            String mine = newId(p.owner());
            as(p.owner()).contentType(Soap.CONTENT_TYPE).body(Soap.request(mine, Samples.withId(sample(p.owner()),
                    mine))).post(Soap.PATH).then().statusCode(200);
            assertThat(ForsendelseQueue.take(mine, 5000)).as("%s's own SOAP submission", p.owner().name()).hasSize(1);

            String theirs = newId(p.owner());
            as(p.caller()).contentType(Soap.CONTENT_TYPE).body(Soap.request(theirs,
                    Samples.withId(sample(p.owner()), theirs))).post(Soap.PATH).then().statusCode(500)
                    .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("SECURITY"));
            String own = newId(p.caller());
            as(p.caller()).contentType(Soap.CONTENT_TYPE).body(Soap.request(own,
                    Samples.withId(sample(p.owner()), own))).post(Soap.PATH).then().statusCode(500)
                    .body(FAULT + ".detail.SKATIndberetFault.Code", equalTo("SECURITY"));
            assertThat(ForsendelseQueue.take(theirs, 300)).as("%s id by SOAP", p).isEmpty();
            assertThat(ForsendelseQueue.take(own, 300)).as("%s SE numbers by SOAP", p).isEmpty();
        }
    }

    private static String trigger(String fileName, long size, String sender, String id) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\""
                + TriggerDocument.NAMESPACE + "\"><soapenv:Body><t:Trigger><t:FileContentDescriptor>"
                + "<t:FilType>SkatIndberet</t:FilType><t:SF>770B</t:SF></t:FileContentDescriptor>"
                + "<t:Routinginformation><t:FileName>" + fileName + "</t:FileName><t:SizeInBytes>" + size
                + "</t:SizeInBytes><t:Sender>" + sender + "</t:Sender><t:SendersFileId>" + id
                + "</t:SendersFileId><t:Recipients>" + StyretAreas.PLATFORM_USER + "</t:Recipients>"
                + "</t:Routinginformation></t:Trigger></soapenv:Body></soapenv:Envelope>";
    }

    private Path uploadInto(RegisteredSystem system, String name, byte[] bytes) throws IOException {
        Path area = areas.uploadArea(system);
        Files.createDirectories(area);
        return Files.write(area.resolve(name), bytes);
    }

    @Test
    void styretNotificationsCannotClaimAnotherSystemsFile() throws Exception {
        for (Pair p : pairs()) {
            // The owner's own notification is taken (MOVED).
            String mine = newId(p.owner());
            byte[] mineFile = Samples.withId(sample(p.owner()), mine);
            uploadInto(p.owner(), "own-" + mine + ".txt", mineFile);
            as(p.owner()).contentType(Soap.CONTENT_TYPE).body(trigger("own-" + mine + ".txt", mineFile.length,
                    p.owner().sftpUser(), mine)).post(NOTIFY).then().statusCode(200)
                    .body("Envelope.Body.NotificationResponse.Status", equalTo("MOVED"));
            assertThat(ForsendelseQueue.take(mine, 20_000)).as("%s's own notified file", p.owner().name()).hasSize(1);

            String theirs = newId(p.owner());
            byte[] file = Samples.withId(sample(p.owner()), theirs);
            String name = "theirs-" + theirs + ".txt";
            Path uploaded = uploadInto(p.owner(), name, file);
            record Attempt(String what, String fileName, String sender, String id, String reason) {
            }
            for (Attempt a : List.of(
                    new Attempt("the owner's sender", name, p.owner().sftpUser(), theirs, "WRONG_SENDER"),
                    new Attempt("a path into the owner's area", "../" + p.owner().sftpUser() + "/" + name,
                            p.caller().sftpUser(), theirs, "FILE_NAME_INVALID"),
                    new Attempt("the owner's file name in its own area", name, p.caller().sftpUser(),
                            newId(p.caller()), "FILE_NOT_FOUND"),
                    new Attempt("the owner's id", name, p.caller().sftpUser(), theirs, null))) {
                String reason = as(p.caller()).contentType(Soap.CONTENT_TYPE)
                        .body(trigger(a.fileName(), file.length, a.sender(), a.id())).post(NOTIFY).then()
                        .statusCode(500).extract().xmlPath().getString(FAULT + ".detail.NotificationFault.Reason");
                if (a.reason() != null) {
                    assertThat(reason).as("%s file by %s", p, a.what()).isEqualTo(a.reason());
                } else {
                    assertThat(reason).as("%s file by %s", p, a.what()).isNotBlank();
                }
                assertThat(uploaded).as("%s file by %s: it stays where it is", p, a.what()).hasBinaryContent(file);
            }
            assertThat(ForsendelseQueue.take(theirs, 300)).as("%s file: nothing forwarded", p).isEmpty();
            assertThat(KVITTERING.receivedFor(theirs)).as("%s file: no kvittering", p).isEmpty();
            Files.delete(uploaded);
        }
    }

    private ClientSession login(String user, KeyPair key) throws IOException {
        // A minute for the login: the machine running the tests may be loaded.
        ClientSession session = ssh.connect(user, "127.0.0.1", sftpServer.port()).verify(Duration.ofSeconds(60))
                .getSession();
        sessions.add(session);
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(60));
        return session;
    }

    private static void assertDenied(ThrowingRead read, String what) {
        Throwable thrown = catchThrowable(read::run);
        // A directory listing reports its failure wrapped (MINA's SftpIterableDirEntry).
        if (thrown instanceof UncheckedIOException wrapped) {
            thrown = wrapped.getCause();
        }
        assertThat(thrown).as(what).isInstanceOf(SftpException.class);
        assertThat(((SftpException) thrown).getStatus()).as(what).isIn(SftpConstants.SSH_FX_PERMISSION_DENIED,
                SftpConstants.SSH_FX_NO_SUCH_FILE);
    }

    @FunctionalInterface
    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void styretSftpKeysAndChrootsAreNotShared() throws Exception {
        for (Pair p : pairs()) {
            String owner = p.owner().sftpUser();
            String caller = p.caller().sftpUser();
            Path theirs = uploadInto(p.owner(), "secret-" + newId(p.owner()) + ".txt",
                    "the owner's bytes".getBytes(StandardCharsets.ISO_8859_1));
            try {
                // The owner logs in with its key and sees its file.
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(login(owner,
                        StyretSftpProfile.key(owner)))) {
                    assertThat(sftp.stat("/" + theirs.getFileName()).getSize()).isEqualTo(Files.size(theirs));
                }
                assertThatThrownBy(() -> login(owner, StyretSftpProfile.key(caller)))
                        .as("%s user with the caller's key", p).isInstanceOf(SshException.class)
                        .hasMessageNotContaining("timeout");
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(login(caller,
                        StyretSftpProfile.key(caller)))) {
                    String name = theirs.getFileName().toString();
                    for (String path : List.of("/../" + owner + "/" + name, "../" + owner + "/" + name,
                            "/" + owner + "/" + name, theirs.toAbsolutePath().toString(), "/" + name)) {
                        assertDenied(() -> sftp.read(path).read(), p + " file read as " + path);
                        assertDenied(() -> sftp.remove(path), p + " file removed as " + path);
                    }
                    assertDenied(() -> sftp.readDir("/../" + owner).forEach(e -> { }), p + " area listed");
                    try (OutputStream out = sftp.write("/../" + owner + "/planted.txt")) {
                        out.write(1);
                    } catch (SftpException e) {
                        assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
                    }
                }
                assertThat(theirs).as("%s file untouched", p).hasContent("the owner's bytes");
                assertThat(areas.uploadArea(p.owner()).resolve("planted.txt")).as("%s area: nothing planted", p)
                        .doesNotExist();
            } finally {
                Files.deleteIfExists(theirs);
            }
        }
    }

    @Test
    void noCaseSystemAdministersMandates() {
        for (RegisteredSystem system : registry.all()) {
            as(system).get(MANDATES).then().statusCode(403);
            as(system).contentType(ContentType.JSON).body("[]").put(MANDATES).then().statusCode(403);
            as(system).delete(MANDATES + "/1").then().statusCode(403);
            // Its own REST API still answers: the refusal is about the role, not a broken login.
            as(system).get(API).then().statusCode(200);
        }
        given().auth().preemptive().basic("batch-admin", "batch-admin-secret").get(MANDATES).then().statusCode(200);
    }
}
