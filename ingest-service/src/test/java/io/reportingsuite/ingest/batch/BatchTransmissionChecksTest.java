package io.reportingsuite.ingest.batch;

import static io.reportingsuite.ingest.batch.BatchChannelProfile.CLIENT_CBE;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.EMPLOYER;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.EMPLOYER_CBE;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.EMPLOYER_SENDER;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.OTHER_CBE;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.SOCSEC;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.SOCSEC_CBE;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.SOCSEC_SENDER;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.STRANGER;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.TRAINING;
import static io.reportingsuite.ingest.batch.BatchChannelProfile.TRAINING_SENDER;
import static io.reportingsuite.ingest.batch.BatchTestClient.debtQuery;
import static io.reportingsuite.ingest.batch.BatchTestClient.file;
import static io.reportingsuite.ingest.batch.BatchTestClient.fla;
import static io.reportingsuite.ingest.batch.BatchTestClient.name;
import static io.reportingsuite.ingest.batch.BatchTestClient.sequence;
import static io.reportingsuite.ingest.batch.BatchTestClient.sign;
import static io.reportingsuite.ingest.batch.BatchTestClient.today;
import static io.reportingsuite.ingest.batch.BatchTestClient.verdictFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.devstack.test.DevStackTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Detection and formal checks of the batch channel against its SFTP server (MINA SSHD's client): a signed real
 * transmission, a test one without FS, the qualities and mandates, and each formal error of issue 12 as its own
 * finding (rule code, a sentence naming the file), as {@link TransmissionChecked} events seen by {@link
 * TestVerdicts}.
 */
@QuarkusTest
@TestProfile(BatchChannelProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class BatchTransmissionChecksTest {

    @Inject
    BatchChannelServer server;

    @Inject
    MandateRegistry mandates;

    private BatchTestClient client;

    @BeforeEach
    void connect() {
        client = new BatchTestClient(server.port());
    }

    @AfterEach
    void disconnect() throws IOException {
        client.close();
    }

    /** FI parts (signed per part when {@code signer} is given) + FS + GO, uploaded in that order. */
    private String send(String user, String folder, String purpose, String sender, LocalDate date, String env,
                        String signer, byte[]... parts) throws IOException {
        String seq = sequence();
        List<Object[]> files = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String tail = "." + parts.length + "." + (i + 1);
            files.add(file(name("FI", purpose, sender, date, seq, env, tail), parts[i]));
            if (signer != null) {
                files.add(file(name("FS", purpose, sender, date, seq, env, tail), sign(signer, parts[i])));
            }
        }
        files.add(file(name("GO", purpose, sender, date, seq, env, "." + parts.length), new byte[0]));
        client.send(user, folder, files);
        return name("FI", purpose, sender, date, seq, env, "." + parts.length + ".1");
    }

    private static List<String> rules(TransmissionChecked verdict) {
        return verdict.findings().stream().map(Finding::rule).toList();
    }

    private static byte[][] split(byte[] content) {
        int half = content.length / 2;
        return new byte[][] {Arrays.copyOfRange(content, 0, half), Arrays.copyOfRange(content, half, content.length)};
    }

    @Test
    void aSignedRealTransmissionInInIsPositiveWithItsMandant() throws IOException {
        String fi = send(EMPLOYER, "IN", "EACB", EMPLOYER_SENDER, today(), "R", EMPLOYER,
                split(debtQuery(EMPLOYER_CBE)));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.positive()).isTrue();
        assertThat(verdict.channelUser()).isEqualTo(EMPLOYER);
        assertThat(verdict.folder()).isEqualTo(BatchFolder.IN);
        assertThat(verdict.mandant()).contains(EMPLOYER_CBE);
        assertThat(verdict.id().orElseThrow().toString()).isEqualTo(fi.substring(3, fi.length() - 4));
        assertThat(verdict.transmission().orElseThrow().dataParts()).hasSize(2);
        assertThat(verdict.files()).hasSize(5).allMatch(Path::isAbsolute);
    }

    @Test
    void aTestTransmissionInIntestNeedsNoSignature() throws IOException {
        String fi = send(EMPLOYER, "INTEST", "EACB", EMPLOYER_SENDER, today(), "T", null, debtQuery(EMPLOYER_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.positive()).isTrue();
        assertThat(verdict.folder()).isEqualTo(BatchFolder.INTEST);
        assertThat(verdict.files()).hasSize(2);
    }

    @Test
    void anFsInIntestIsCheckedAnyway() throws IOException {
        String fi = send(EMPLOYER, "INTEST", "EACB", EMPLOYER_SENDER, today(), "T", STRANGER,
                debtQuery(EMPLOYER_CBE));
        assertThat(rules(verdictFor(fi))).containsExactly("S04");
    }

    @Test
    void aSocialSecretariatSendsForAnEmployerUnderAnActiveMandate() throws Exception {
        mandates.upsert(List.of(mandate(CLIENT_CBE, "DEBT_QUERY", today().minusDays(10), null)));
        String fi = send(SOCSEC, "IN", "EACB", SOCSEC_SENDER, today(), "R", SOCSEC, debtQuery(CLIENT_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.mandant()).contains(CLIENT_CBE);
    }

    @Test
    void aSocialSecretariatSendsForItselfWithoutMandate() throws IOException {
        String fi = send(SOCSEC, "IN", "EACB", SOCSEC_SENDER, today(), "R", SOCSEC, debtQuery(SOCSEC_CBE));
        assertThat(verdictFor(fi).findings()).isEmpty();
    }

    @Test
    void aTrainingProviderPassesThroughForAnyCompanyWithoutMandate() throws IOException {
        String fi = send(TRAINING, "IN", "FLAC", TRAINING_SENDER, today(), "R", TRAINING, fla(OTHER_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.mandant()).contains(OTHER_CBE);
    }

    @Test
    void noMandate() throws IOException {
        String fi = send(SOCSEC, "IN", "EACB", SOCSEC_SENDER, today(), "R", SOCSEC, debtQuery(OTHER_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).containsExactly(TransmissionChecks.RULE_NO_MANDATE);
        assertThat(verdict.positive()).isFalse();
        assertThat(verdict.findings().get(0).message()).startsWith("File " + fi + ": ").contains("no mandate")
                .doesNotContain(OTHER_CBE);
    }

    @Test
    void anExpiredMandate() throws Exception {
        mandates.upsert(List.of(mandate(OTHER_CBE, "FLA", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31))));
        String fi = send(SOCSEC, "IN", "FLAC", SOCSEC_SENDER, today(), "R", SOCSEC, fla(OTHER_CBE));
        assertThat(rules(verdictFor(fi))).containsExactly(TransmissionChecks.RULE_MANDATE_EXPIRED);
    }

    @Test
    void aRevokedMandate() throws Exception {
        MandateRegistry.Mandate stored = mandates.upsert(List.of(mandate(CLIENT_CBE, "FLA", today().minusDays(5),
                null))).get(0);
        mandates.revoke(stored.id().orElseThrow());
        String fi = send(SOCSEC, "IN", "FLAC", SOCSEC_SENDER, today(), "R", SOCSEC, fla(CLIENT_CBE));
        assertThat(rules(verdictFor(fi))).containsExactly(TransmissionChecks.RULE_MANDATE_REVOKED);
    }

    @Test
    void anEmployerSendsOnlyForItself() throws IOException {
        String fi = send(EMPLOYER, "IN", "EACB", EMPLOYER_SENDER, today(), "R", EMPLOYER, debtQuery(CLIENT_CBE));
        assertThat(rules(verdictFor(fi))).containsExactly(TransmissionChecks.RULE_EMPLOYER_FOR_OTHER);
    }

    @Test
    void aBadName() throws IOException {
        client.send(EMPLOYER, "IN", List.<Object[]>of(file("declaration.xml", debtQuery(EMPLOYER_CBE))));
        TransmissionChecked verdict = verdictFor("declaration.xml");
        assertThat(verdict.id()).isEmpty();
        assertThat(verdict.transmission()).isEmpty();
        assertThat(rules(verdict)).contains("B01");
        assertThat(verdict.findings()).allMatch(f -> f.message().startsWith("File declaration.xml: "));
    }

    @Test
    void aBadDate() throws IOException {
        String bad = "FI.EACB." + EMPLOYER_SENDER + ".20261332." + sequence() + ".R.1.1";
        client.send(EMPLOYER, "IN", List.<Object[]>of(file(bad, debtQuery(EMPLOYER_CBE))));
        TransmissionChecked verdict = verdictFor(bad);
        assertThat(verdict.id()).isEmpty();
        assertThat(rules(verdict)).containsExactly("B05");
    }

    @Test
    void aDateInTheFuture() throws IOException {
        String fi = send(EMPLOYER, "IN", "EACB", EMPLOYER_SENDER, today().plusDays(2), "R", EMPLOYER,
                debtQuery(EMPLOYER_CBE));
        assertThat(rules(verdictFor(fi))).containsExactly(TransmissionChecks.RULE_DATE_IN_FUTURE);
    }

    @Test
    void aWrongSenderNumber() throws IOException {
        String fi = send(EMPLOYER, "IN", "EACB", SOCSEC_SENDER, today(), "R", EMPLOYER, debtQuery(EMPLOYER_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).containsExactly(TransmissionChecks.RULE_SENDER_NOT_CHANNEL);
        assertThat(verdict.id()).isPresent();
    }

    @Test
    void anRFileInIntest() throws IOException {
        String fi = send(EMPLOYER, "INTEST", "EACB", EMPLOYER_SENDER, today(), "R", null, debtQuery(EMPLOYER_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).contains("T02");
        assertThat(verdict.positive()).isFalse();
    }

    @Test
    void aMissingPart() throws IOException {
        String seq = sequence();
        String fi = name("FI", "EACB", EMPLOYER_SENDER, today(), seq, "R", ".2.1");
        byte[] content = debtQuery(EMPLOYER_CBE);
        client.send(EMPLOYER, "IN", List.of(file(fi, content),
                file(name("FS", "EACB", EMPLOYER_SENDER, today(), seq, "R", ".2.1"), sign(EMPLOYER, content)),
                file(name("GO", "EACB", EMPLOYER_SENDER, today(), seq, "R", ".2"), new byte[0])));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).containsExactly("T04");
        assertThat(verdict.transmission()).isEmpty();
        assertThat(verdict.id()).isPresent();
        assertThat(verdict.files()).hasSize(3);
    }

    @Test
    void aGoThatIsNotEmpty() throws IOException {
        String seq = sequence();
        String fi = name("FI", "EACB", EMPLOYER_SENDER, today(), seq, "R", "");
        byte[] content = debtQuery(EMPLOYER_CBE);
        client.send(EMPLOYER, "IN", List.of(file(fi, content),
                file(name("FS", "EACB", EMPLOYER_SENDER, today(), seq, "R", ""), sign(EMPLOYER, content)),
                file(name("GO", "EACB", EMPLOYER_SENDER, today(), seq, "R", ""), "GO\n".getBytes(StandardCharsets.US_ASCII))));
        assertThat(rules(verdictFor(fi))).containsExactly(TransmissionChecks.RULE_GO_NOT_EMPTY);
    }

    @Test
    void aGoBeforeItsFi() throws IOException {
        String seq = sequence();
        String go = name("GO", "EACB", EMPLOYER_SENDER, today(), seq, "R", ".1");
        client.send(EMPLOYER, "IN", List.<Object[]>of(file(go, new byte[0])));
        TransmissionChecked verdict = verdictFor(go);
        assertThat(rules(verdict)).containsExactly("T03");
        assertThat(verdict.findings().get(0).message()).startsWith("File " + go + ": ");
    }

    @Test
    void aBadSignature() throws IOException {
        String seq = sequence();
        String fi = name("FI", "EACB", EMPLOYER_SENDER, today(), seq, "R", "");
        client.send(EMPLOYER, "IN", List.of(file(fi, debtQuery(EMPLOYER_CBE)),
                file(name("FS", "EACB", EMPLOYER_SENDER, today(), seq, "R", ""), sign(EMPLOYER, debtQuery(CLIENT_CBE))),
                file(name("GO", "EACB", EMPLOYER_SENDER, today(), seq, "R", ""), new byte[0])));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).containsExactly("S07");
        assertThat(verdict.findings().get(0).message()).startsWith("File FS.EACB.");
    }

    @Test
    void anMd5Signature() throws Exception {
        String seq = sequence();
        String fi = name("FI", "EACB", EMPLOYER_SENDER, today(), seq, "R", "");
        byte[] content = debtQuery(EMPLOYER_CBE);
        client.send(EMPLOYER, "IN", List.of(file(fi, content),
                file(name("FS", "EACB", EMPLOYER_SENDER, today(), seq, "R", ""), cmsSign("MD5withRSA", content)),
                file(name("GO", "EACB", EMPLOYER_SENDER, today(), seq, "R", ""), new byte[0])));
        assertThat(rules(verdictFor(fi))).containsExactly("S03");
    }

    @Test
    void aCertificateNotRegisteredForTheChannel() throws IOException {
        String fi = send(EMPLOYER, "IN", "EACB", EMPLOYER_SENDER, today(), "R", SOCSEC, debtQuery(EMPLOYER_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).containsExactly("S04");
        assertThat(verdict.findings().get(0).message()).contains("not registered for this channel");
        String stranger = send(EMPLOYER, "IN", "EACB", EMPLOYER_SENDER, today(), "R", STRANGER,
                debtQuery(EMPLOYER_CBE));
        assertThat(rules(verdictFor(stranger))).containsExactly("S04");
    }

    @Test
    void aPurposeWithoutRoute() throws IOException {
        String fi = send(EMPLOYER, "IN", "DMFA", EMPLOYER_SENDER, today(), "R", EMPLOYER, debtQuery(EMPLOYER_CBE));
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).containsExactly(TransmissionChecks.RULE_NO_ROUTE);
        assertThat(verdict.mandant()).isEmpty();
    }

    @Test
    void contentWithADtdIsNotRead() throws IOException {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE BatchRequest [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<BatchRequest><RequestInformation><Consumer><CompanyID>&x;</CompanyID></Consumer>"
                + "</RequestInformation></BatchRequest>").getBytes(StandardCharsets.UTF_8);
        String fi = send(EMPLOYER, "IN", "EACB", EMPLOYER_SENDER, today(), "R", EMPLOYER, xxe);
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(rules(verdict)).containsExactly(TransmissionChecks.RULE_MANDANT_UNREADABLE);
        assertThat(verdict.mandant()).isEmpty();
    }

    @Test
    void contentWithoutMandantOrWithAnInvalidOne() throws IOException {
        String none = send(EMPLOYER, "IN", "FLAC", EMPLOYER_SENDER, today(), "R", EMPLOYER,
                "<Fla><Hours>8</Hours></Fla>".getBytes(StandardCharsets.UTF_8));
        assertThat(rules(verdictFor(none))).containsExactly(TransmissionChecks.RULE_MANDANT_UNREADABLE);
        String invalid = send(EMPLOYER, "IN", "EACB", EMPLOYER_SENDER, today(), "R", EMPLOYER,
                debtQuery("0100000170"));
        assertThat(rules(verdictFor(invalid))).containsExactly(TransmissionChecks.RULE_MANDANT_INVALID);
    }

    @Test
    void everyReasonIsReported() throws IOException {
        String fi = send(EMPLOYER, "IN", "EACB", SOCSEC_SENDER, today().plusDays(3), "R", STRANGER,
                debtQuery(CLIENT_CBE));
        assertThat(rules(verdictFor(fi))).containsExactlyInAnyOrder(TransmissionChecks.RULE_DATE_IN_FUTURE,
                TransmissionChecks.RULE_SENDER_NOT_CHANNEL, "S04", TransmissionChecks.RULE_EMPLOYER_FOR_OTHER);
    }

    @Test
    void aTransmissionWithoutGoProducesNothing() throws Exception {
        String seq = sequence();
        String fi = name("FI", "EACB", EMPLOYER_SENDER, today(), seq, "R", "");
        client.send(EMPLOYER, "IN", List.<Object[]>of(file(fi, debtQuery(EMPLOYER_CBE))));
        Thread.sleep(1500);
        assertThat(BatchTestClient.find(fi)).isEmpty();
        BatchTestClient.clean(Path.of(BatchChannelProfile.DATA.resolve("ingest/batch/" + EMPLOYER + "/IN").toString()));
    }

    @Test
    void theOpenSshClientSendsATestTransmission() throws Exception {
        String seq = sequence();
        String fi = name("FI", "EACB", EMPLOYER_SENDER, today(), seq, "T", "");
        String go = name("GO", "EACB", EMPLOYER_SENDER, today(), seq, "T", "");
        Path local = Files.createDirectories(BatchChannelProfile.DATA.resolve("openssh-" + seq));
        Files.write(local.resolve(fi), debtQuery(EMPLOYER_CBE));
        Files.write(local.resolve(go), new byte[0]);
        Path batch = Files.writeString(local.resolve("batch.txt"), "cd INTEST\nput " + local.resolve(fi) + "\nput "
                + local.resolve(go) + "\nls -1\n");
        Process process = new ProcessBuilder("sftp", "-b", batch.toString(), "-i",
                BatchChannelProfile.KEYS.resolve(EMPLOYER).toString(), "-P", Integer.toString(server.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", EMPLOYER + "@127.0.0.1").redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output.toString(StandardCharsets.UTF_8)).isZero();
        TransmissionChecked verdict = verdictFor(fi);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.folder()).isEqualTo(BatchFolder.INTEST);
    }

    private static MandateRegistry.Mandate mandate(String mandant, String service, LocalDate from, LocalDate to) {
        return new MandateRegistry.Mandate(Optional.empty(), SOCSEC_CBE, mandant, service, from,
                Optional.ofNullable(to), Optional.empty());
    }

    private static byte[] cmsSign(String algorithm, byte[] content) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                .build()).build(new JcaContentSignerBuilder(algorithm).build(BatchChannelProfile.signingKey(EMPLOYER)),
                BatchChannelProfile.certificate(EMPLOYER)));
        return Base64.getEncoder().encode(generator.generate(new CMSProcessableByteArray(content), false)
                .getEncoded());
    }
}
