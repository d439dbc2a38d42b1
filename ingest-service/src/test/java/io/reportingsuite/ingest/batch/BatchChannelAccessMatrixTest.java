package io.reportingsuite.ingest.batch;

import static io.reportingsuite.ingest.batch.BatchTestClient.name;
import static io.reportingsuite.ingest.batch.BatchTestClient.sequence;
import static io.reportingsuite.ingest.batch.BatchTestClient.sign;
import static io.reportingsuite.ingest.batch.BatchTestClient.today;
import static io.reportingsuite.ingest.batch.BatchTestClient.verdictFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch channel's part of the cross-system access matrix (issue 14): every configured channel against every
 * other one — its SSH key on the other's account, a path from its chroot into the other's folders, and its own
 * transmission signed with the other's registered certificate (S04). The pairs come from the configured channels
 * ({@link BatchChannels#all()}), and each refusal is paired with the channel's own access succeeding.
 */
@QuarkusTest
@TestProfile(BatchChannelProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class BatchChannelAccessMatrixTest {

    @Inject
    BatchChannelServer server;

    @Inject
    BatchChannels channels;

    @Inject
    BatchAreas areas;

    record Pair(BatchChannels.Channel caller, BatchChannels.Channel owner) {
        @Override
        public String toString() {
            return caller.user() + " -> " + owner.user() + "'s";
        }
    }

    private final SshClient ssh = SshClient.setUpDefaultClient();

    @BeforeEach
    void connect() {
        ssh.start();
    }

    @AfterEach
    void disconnect() throws IOException {
        ssh.stop();
    }

    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (BatchChannels.Channel caller : channels.all().values()) {
            for (BatchChannels.Channel owner : channels.all().values()) {
                if (!caller.user().equals(owner.user())) {
                    pairs.add(new Pair(caller, owner));
                }
            }
        }
        assertThat(pairs).as("at least two channels to cross").isNotEmpty();
        return pairs;
    }

    private static List<String> rules(TransmissionChecked verdict) {
        return verdict.findings().stream().map(Finding::rule).toList();
    }

    /**
     * A one-part FLAC transmission (no mandate needed by any quality) in the sender's own IN, signed by {@code
     * signer}, in one session closed afterwards (a loaded machine gets a minute for the login).
     */
    private String send(BatchChannels.Channel sender, String signer) throws IOException {
        String seq = sequence();
        byte[] content = BatchTestClient.fla(sender.companyId());
        String fi = name("FI", "FLAC", sender.senderNumber(), today(), seq, "R", ".1.1");
        try (ClientSession session = login(sender.user(), BatchChannelProfile.sshKey(sender.user()));
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            BatchTestClient.upload(sftp, "/IN/" + fi, content);
            BatchTestClient.upload(sftp, "/IN/" + name("FS", "FLAC", sender.senderNumber(), today(), seq, "R",
                    ".1.1"), sign(signer, content));
            BatchTestClient.upload(sftp, "/IN/" + name("GO", "FLAC", sender.senderNumber(), today(), seq, "R", ".1"),
                    new byte[0]);
        }
        return fi;
    }

    private ClientSession login(String user, KeyPair key) throws IOException {
        ClientSession session = ssh.connect(user, "127.0.0.1", server.port()).verify(Duration.ofSeconds(60))
                .getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(Duration.ofSeconds(60));
        return session;
    }

    @Test
    void aChannelsKeyOpensOnlyItsOwnAccount() throws Exception {
        for (Pair p : pairs()) {
            try (ClientSession session = login(p.owner().user(), BatchChannelProfile.sshKey(p.owner().user()));
                 SftpClient own = SftpClientFactory.instance().createSftpClient(session)) {
                assertThat(own.canonicalPath(".")).as("%s own login", p.owner().user()).isEqualTo("/");
            }
            assertThatThrownBy(() -> login(p.owner().user(), BatchChannelProfile.sshKey(p.caller().user())).close())
                    .as("%s account with the caller's key", p).isInstanceOf(SshException.class)
                    .hasMessageNotContaining("timeout");
        }
    }

    @Test
    void noPathFromOneChrootReachesAnotherChannelsFolders() throws Exception {
        for (Pair p : pairs()) {
            Path theirs = areas.folder(p.owner().user(), BatchFolder.OUT).resolve("FO.ACRF.999999."
                    + BatchTestClient.DATE.format(today()) + "." + sequence() + ".R");
            Files.createDirectories(theirs.getParent());
            Files.writeString(theirs, "theirs");
            try (ClientSession session = login(p.caller().user(), BatchChannelProfile.sshKey(p.caller().user()));
                 SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                String name = theirs.getFileName().toString();
                for (String path : List.of("/../" + p.owner().user() + "/OUT/" + name,
                        "../" + p.owner().user() + "/OUT/" + name, "/OUT/../../" + p.owner().user() + "/OUT/" + name,
                        theirs.toAbsolutePath().toString(), "/OUT/" + name)) {
                    assertThatThrownBy(() -> sftp.read(path).read()).as("%s OUT read as %s", p, path)
                            .isInstanceOf(SftpException.class).satisfies(e -> assertThat(((SftpException) e)
                                    .getStatus()).isIn(SftpConstants.SSH_FX_PERMISSION_DENIED,
                                    SftpConstants.SSH_FX_NO_SUCH_FILE));
                }
                assertThatThrownBy(() -> {
                    try (OutputStream out = sftp.write("/IN/../../" + p.owner().user() + "/IN/planted")) {
                        out.write(1);
                    }
                }).as("%s IN written", p).isInstanceOf(SftpException.class);
            }
            assertThat(theirs).as("%s OUT untouched", p).hasContent("theirs");
            assertThat(areas.folder(p.owner().user(), BatchFolder.IN).resolve("planted")).doesNotExist();
            Files.delete(theirs);
        }
    }

    @Test
    void aTransmissionSignedWithAnotherChannelsCertificateIsS04() throws Exception {
        for (BatchChannels.Channel channel : channels.all().values()) {
            assertThat(rules(verdictFor(send(channel, channel.user())))).as("%s signed by itself", channel.user())
                    .doesNotContain("S04");
        }
        for (Pair p : pairs()) {
            TransmissionChecked verdict = verdictFor(send(p.caller(), p.owner().user()));
            assertThat(rules(verdict)).as("%s certificate on the caller's transmission", p).contains("S04");
            assertThat(verdict.findings()).filteredOn(f -> f.rule().equals("S04")).first()
                    .satisfies(f -> assertThat(f.message()).contains("not registered for this channel"));
        }
    }
}
