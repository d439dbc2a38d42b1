package io.reportingsuite.suite;

import static io.reportingsuite.suite.CaseSystem.KSD;
import static io.reportingsuite.suite.CaseSystem.KY;
import static io.reportingsuite.suite.SumkvitteringFlowIT.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.Fejlrecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8 point 4, the seed's error table rows 4–5 ("Samme indberetning indsendt igen" / "Timeout"): with
 * {@code ingest.conflicting-resend=FORWARD} (the harness' ingest configuration) a resend of a known
 * HovedIndberetningID with other content is answered as a success and forwarded; SKAT rejects it as
 * received before, and that fejladvisering reaches the case system's SFTP folder with a notification.
 */
@ExtendWith(RunningSuite.class)
class ConflictingResendIT {

    /** SKAT's fejlnr for "already received" (SPEC §2.1 rule 10). */
    private static final int ALREADY_RECEIVED = 1100;

    @Test
    void aResendWithOtherContentIsForwardedAndSkatsRejectionReachesTheCaseSystemsFolder(Suite suite)
            throws Exception {
        SuiteApi api = new SuiteApi(suite);
        String id = Forsendelser.newId(KY);
        byte[] original = Forsendelser.sample(suite, KY, id);
        byte[] resend = Forsendelser.otherContent(original);

        assertThat(api.submitByRest(KY, id, original)).isEqualTo(202);
        await().atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> api.receivedBySkat(id), copies -> copies.size() == 1);

        // Row 4: "Der returneres succesful operation" — the resend is accepted, not refused with 409.
        assertThat(api.submitBySoap(KY, id, resend)).isEqualTo("ACCEPTED");

        // Both copies reached SKAT unchanged; SKAT answered the second as received before.
        List<Map<String, Object>> atSkat = await().atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> api.receivedBySkat(id), copies -> copies.size() >= 2);
        assertThat(atSkat).hasSize(2);
        assertThat(atSkat).filteredOn(c -> Forsendelser.sha256(original).equals(c.get("sha256"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("duplicate", false));
        assertThat(atSkat).filteredOn(c -> Forsendelser.sha256(resend).equals(c.get("sha256"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("duplicate", true));

        // SKAT's fejladvisering is in KY's folder: whole file rejected, fejlnr 1100 "already received".
        String name = ReturnFiles.awaitOne(suite, KY, id, "FEJLADV", FLOW);
        Fejladvisering fejl = Fejladvisering.parse(ReturnFiles.download(suite, KY, name));
        assertThat(fejl.start().hovedIndberetningId()).isEqualTo(id);
        assertThat(fejl.start().status()).isEqualTo('A');
        assertThat(fejl.fejl()).extracting(Fejlrecord::fejlnr).containsExactly(ALREADY_RECEIVED);

        // KY was notified of it once; the original's sumkvittering is the only other file; KSD saw nothing.
        await().atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> api.notifiedFiles(KY, id), files -> files.contains(name));
        assertThat(api.notifications(id)).filteredOn(n -> name.equals(n.get("fileName"))).hasSize(1);
        assertThat(ReturnFiles.of(suite, KY, id, "SUMKVIT")).hasSize(1);
        assertThat(ReturnFiles.of(suite, KY, id, "FEJLADV")).containsExactly(name);
        assertThat(ReturnFiles.of(suite, KSD, id, "")).isEmpty();
    }
}
