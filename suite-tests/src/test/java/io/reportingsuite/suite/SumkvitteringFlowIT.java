package io.reportingsuite.suite;

import static io.reportingsuite.suite.CaseSystem.KSD;
import static io.reportingsuite.suite.CaseSystem.KY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reportingsuite.contracts.retur.Sumkvittering;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suite as a whole, along the seed's main flow: a case system submits (KY by SOAP EP_FS1, KSD by REST),
 * ingest validates, stores and queues, the forwarder puts it on SKAT's MQ (EP_SK1), SKAT — the simulator —
 * answers with a sumkvittering (EP_SK3), the forwarder hands it to receipt-service, which writes it into
 * the case system's SFTP folder (EP_FS3) and notifies the case system; every step shows in ingest's
 * track-and-trace timeline. KY also submits a structured JSON report, which ingest encodes into the same
 * file (issue 10); SKAT accepts it and its sumkvittering comes back the same way.
 */
@ExtendWith(RunningSuite.class)
class SumkvitteringFlowIT {

    /** From submission to the notified return file: SKAT's 2 s answer delay, the 2 s notification poll. */
    static final Duration FLOW = Duration.ofSeconds(90);

    @Test
    void kyBySoapAndKsdByRestReachSkatByteIdenticalAndEachSumkvitteringReachesItsOwnCaseSystem(Suite suite)
            throws Exception {
        SuiteApi api = new SuiteApi(suite);
        String kyId = Forsendelser.newId(KY);
        byte[] ky = Forsendelser.sample(suite, KY, kyId);
        String ksdId = Forsendelser.newId(KSD);
        byte[] ksd = Forsendelser.sample(suite, KSD, ksdId);

        // A third: the KY sample as structured JSON (issue 10), which ingest encodes into SKAT's file.
        String jsonId = Forsendelser.newId(KY);
        byte[] encodedExpected = Forsendelser.sample(suite, KY, jsonId);
        String json = api.decode(KY, encodedExpected);

        assertThat(api.submitBySoap(KY, kyId, ky)).isEqualTo("ACCEPTED");
        assertThat(api.submitByRest(KSD, ksdId, ksd)).isEqualTo(202);
        assertThat(api.submitStructured(KY, json)).isEqualTo(202);
        // The file ingest encoded and forwarded is the sample's bytes (decode and encode are exact inverses).
        assertThat(api.forwardedFile(KY, jsonId)).isEqualTo(encodedExpected);

        for (Submitted s : List.of(new Submitted(KY, KSD, kyId, ky), new Submitted(KSD, KY, ksdId, ksd),
                new Submitted(KY, KSD, jsonId, encodedExpected))) {
            // SKAT received the case system's bytes unchanged, once.
            List<Map<String, Object>> atSkat = await().atMost(FLOW).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.receivedBySkat(s.id), copies -> !copies.isEmpty());
            assertThat(atSkat).as("copies of %s at SKAT", s.id).hasSize(1);
            assertThat(atSkat.get(0)).containsEntry("sha256", Forsendelser.sha256(s.file))
                    .containsEntry("bytes", s.file.length).containsEntry("duplicate", false);

            // Its sumkvittering is in the system's own folder, fetched by SFTP: SKAT's answer to this id, "M".
            String name = ReturnFiles.awaitOne(suite, s.system, s.id, "SUMKVIT", FLOW);
            Sumkvittering sumkvittering = Sumkvittering.parse(ReturnFiles.download(suite, s.system, name));
            assertThat(sumkvittering.start().hovedIndberetningId()).isEqualTo(s.id);
            assertThat(sumkvittering.start().status()).as("status of %s", name).isEqualTo('M');
            assertThat(ReturnFiles.of(suite, s.other, s.id, "SUMKVIT")).as("in the other system's folder").isEmpty();

            // The case system was notified of that file, once.
            await().atMost(FLOW).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.notifiedFiles(s.system, s.id), files -> files.contains(name));
            assertThat(api.notifications(s.id)).singleElement().satisfies(n -> {
                assertThat(n).containsEntry("fileName", name);
                assertThat(n.get("recipients")).isEqualTo(List.of(s.system.sftpUser));
            });

            // Track-and-trace shows the whole way.
            assertThat(api.timeline(s.system, s.id)).containsSubsequence("RECEIVED", "VALIDATED", "QUEUED",
                    "SENT_TO_SKAT", "SKAT_STATUS", "RETURN_RECEIVED", "RETURN_FILE_WRITTEN", "CASE_SYSTEM_NOTIFIED");
        }
    }

    private record Submitted(CaseSystem system, CaseSystem other, String id, byte[] file) {
    }
}
