package io.reportingsuite.suite;

import static io.reportingsuite.suite.CaseSystem.KY;
import static io.reportingsuite.suite.SumkvitteringFlowIT.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import io.reportingsuite.contracts.retur.Sumkvittering;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9's "done when", first point, over the real channel (EP_FS2, SPEC §2.4): KY uploads a 100,000-record
 * file with the OpenSSH {@code sftp} client to ingest's Styret SFTP server and notifies it — once by SOAP
 * {@code NotifyUpload}, once by a {@code .trigger} file — and the file reaches the SKAT simulator
 * byte-identical, after exactly one kvittering at receipt's recording case-system stub; SKAT's sumkvittering
 * comes back into KY's EP_FS3 folder. A trigger with the wrong size is refused at its close: nothing moved,
 * no kvittering, nothing forwarded.
 */
@ExtendWith(RunningSuite.class)
class StyretSftpFlowIT {

    /** Lines of the generated file (record 1000 … 9999). */
    private static final int RECORDS = 100_000;
    /** SE numbers of KY in the local registry ({@code suite.case-systems.KY.indberetter-se}, {@code .kommuner}). */
    private static final String KY_INDBERETTER_SE = "29800014";
    private static final String KY_KOMMUNE_SE = "31500028";
    private static final String NAMESPACE = "http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types";

    @Test
    void a100000RecordFileUploadedWithOpenSshReachesSkatAfterOneKvitteringByTriggerFileAndBySoap(Suite suite)
            throws Exception {
        SuiteApi api = new SuiteApi(suite);

        // The refusal first, so that the accepted ones below give it time to show anything it should not.
        String refusedId = Forsendelser.newId(KY);
        Path refused = generate(suite, refusedId);
        String refusedName = "KY-" + refusedId + ".txt";
        Path triggerOfRefused = trigger(suite, refusedName, Files.size(refused) - 1, refusedId);
        OpenSshSftp.Result refusal = OpenSshSftp.batch(suite, KY,
                "put " + refused + " " + refusedName + "\nput " + triggerOfRefused + " " + refusedName + ".trigger\n");
        assertThat(refusal.exit()).as(refusal.output()).isNotZero();
        assertThat(refusal.output()).as("the close of the trigger upload failed").containsIgnoringCase("failure");

        // By SOAP: upload, then NotifyUpload.
        String soapId = Forsendelser.newId(KY);
        Path soapFile = generate(suite, soapId);
        String soapName = "KY-" + soapId + ".txt";
        OpenSshSftp.Result upload = OpenSshSftp.batch(suite, KY, "put " + soapFile + " " + soapName + "\nls -l\n");
        assertThat(upload.exit()).as(upload.output()).isZero();
        assertThat(upload.output()).contains(soapName);
        List<String> answer = api.notifyUpload(KY, trigger(soapName, Files.size(soapFile), soapId));
        assertThat(answer.get(0)).isEqualTo("MOVED");
        String soapUuid = answer.get(1);

        // By trigger file: the data file, then <name>.trigger in the same batch.
        String triggerId = Forsendelser.newId(KY);
        Path triggerFile = generate(suite, triggerId);
        String triggerName = "KY-" + triggerId + ".txt";
        Path trigger = trigger(suite, triggerName, Files.size(triggerFile), triggerId);
        OpenSshSftp.Result triggered = OpenSshSftp.batch(suite, KY,
                "put " + triggerFile + " " + triggerName + "\nput " + trigger + " " + triggerName + ".trigger\n");
        assertThat(triggered.exit()).as(triggered.output()).isZero();

        for (Uploaded u : List.of(new Uploaded(soapId, soapFile, soapUuid), new Uploaded(triggerId, triggerFile, null))) {
            byte[] file = Files.readAllBytes(u.file);
            // SKAT received it unchanged, once.
            List<Map<String, Object>> atSkat = await().atMost(FLOW).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.receivedBySkat(u.id), copies -> !copies.isEmpty());
            assertThat(atSkat).as("copies of %s at SKAT", u.id).hasSize(1);
            assertThat(atSkat.get(0)).containsEntry("sha256", Forsendelser.sha256(file))
                    .containsEntry("bytes", file.length).containsEntry("duplicate", false);

            // Exactly one kvittering, ACCEPTED, for this transfer, taken before ingest queued the file and
            // before SKAT received it.
            List<Map<String, Object>> kvitteringer = api.kvitteringer(u.id);
            assertThat(kvitteringer).as("kvitteringer of %s", u.id).hasSize(1);
            Map<String, Object> kvittering = kvitteringer.get(0);
            assertThat(kvittering).containsEntry("result", "ACCEPTED");
            if (u.uuid != null) {
                assertThat(kvittering).containsEntry("fileTransferUuid", u.uuid);
            }
            Instant kvitteredAt = Instant.parse((String) kvittering.get("receivedAt"));
            Instant queuedAt = await().atMost(FLOW).until(() -> api.stepAt(KY, u.id, "QUEUED"), at -> at != null);
            assertThat(kvitteredAt).as("kvittering before the forward").isBefore(queuedAt)
                    .isBefore(Instant.parse((String) atSkat.get(0).get("receivedAt")));

            // SKAT's sumkvittering is in KY's own return folder (receipt-service's SFTP, EP_FS3).
            String name = ReturnFiles.awaitOne(suite, KY, u.id, "SUMKVIT", FLOW);
            Sumkvittering sumkvittering = Sumkvittering.parse(ReturnFiles.download(suite, KY, name));
            assertThat(sumkvittering.start().hovedIndberetningId()).isEqualTo(u.id);
            assertThat(sumkvittering.start().status()).as("status of %s", name).isEqualTo('M');

            // Track-and-trace: the SFTP channel, then the kvittering before the forward. QUEUED is stamped when
            // the broker has taken the file, so the forwarder's SENT_TO_SKAT may carry an earlier time.
            assertThat(api.tracking(KY, u.id).getString("channel")).isEqualTo("SFTP");
            assertThat(api.timeline(KY, u.id)).contains("QUEUED").containsSubsequence("RECEIVED", "VALIDATED",
                    "KVITTERING_DELIVERED", "SENT_TO_SKAT", "RETURN_FILE_WRITTEN");
        }
        // The accepted files left the upload area (moved to the platform folder); the trigger file is gone.
        Path area = suite.ingestData().resolve("styret").resolve(KY.sftpUser);
        assertThat(area.resolve(soapName)).doesNotExist();
        assertThat(area.resolve(triggerName)).doesNotExist();
        assertThat(area.resolve(triggerName + ".trigger")).doesNotExist();

        // The refused one: still in the area (not moved), its trigger deleted; no kvittering, nothing at SKAT.
        assertThat(area.resolve(refusedName)).hasSize(Files.size(refused));
        assertThat(area.resolve(refusedName + ".trigger")).doesNotExist();
        assertThat(api.kvitteringer(refusedId)).isEmpty();
        assertThat(api.receivedBySkat(refusedId)).isEmpty();
    }

    private record Uploaded(String id, Path file, String uuid) {
    }

    /**
     * A valid KY file of {@link #RECORDS} lines with HovedIndberetningID {@code id}, under the harness' dir: the
     * generator's, with the SE numbers the local registry gives KY (those of its sample: indberetter
     * {@value #KY_INDBERETTER_SE} in record 1000, kommune {@value #KY_KOMMUNE_SE} in record 2001), else ingest
     * refuses it (S02).
     */
    private static Path generate(Suite suite, String id) throws IOException {
        Path file = Files.createDirectories(suite.ingestData().resolve("uploads")).resolve(id + ".txt");
        try (InputStream in = new EIndkomstGenerator(io.reportingsuite.contracts.eindkomst.CaseSystem.KY, id,
                RECORDS)) {
            Files.copy(in, file);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(1024);
            channel.read(head, 0);
            int secondLine = new String(head.array(), StandardCharsets.ISO_8859_1).indexOf('\n') + 1;
            channel.write(ByteBuffer.wrap(KY_INDBERETTER_SE.getBytes(StandardCharsets.ISO_8859_1)),
                    RecordLayouts.R1000.field(5).offset());
            channel.write(ByteBuffer.wrap(KY_KOMMUNE_SE.getBytes(StandardCharsets.ISO_8859_1)),
                    secondLine + RecordLayouts.R2001.field(4).offset());
        }
        return file;
    }

    /** The trigger document (SPEC §2.4) as a {@code .trigger} file next to the generated ones. */
    private static Path trigger(Suite suite, String fileName, long size, String id) throws IOException {
        return Files.writeString(suite.ingestData().resolve("uploads").resolve(fileName + ".trigger"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + trigger(fileName, size, id) + "\n",
                StandardCharsets.UTF_8);
    }

    /** The trigger element: {@code FileContentDescriptor} and {@code Routinginformation}, KY to the platform. */
    private static String trigger(String fileName, long size, String id) {
        return """
                <t:Trigger xmlns:t="%s"><t:FileContentDescriptor><t:FilType>SkatIndberet</t:FilType>\
                <t:SF>770B</t:SF></t:FileContentDescriptor><t:Routinginformation><t:FileName>%s</t:FileName>\
                <t:SizeInBytes>%d</t:SizeInBytes><t:Sender>%s</t:Sender><t:SendersFileId>%s</t:SendersFileId>\
                <t:Recipients>SP_STYRETSFTP_SKAT_IndkomstIndberet</t:Recipients></t:Routinginformation></t:Trigger>"""
                .formatted(NAMESPACE, fileName, size, KY.sftpUser, id);
    }
}
