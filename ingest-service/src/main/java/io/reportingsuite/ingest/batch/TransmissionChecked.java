package io.reportingsuite.ingest.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.batch.Transmission;
import io.reportingsuite.contracts.batch.TransmissionId;
import io.reportingsuite.contracts.finding.Finding;

/**
 * Fired (synchronously) by the channel host when the formal checks of one transmission — or of files that
 * cannot form one (a bad name, a GO without data) — are done (SPEC §5.4: the transfer point's checks). Empty
 * {@code findings} = positive ACRF; otherwise a negative ACRF names every finding, and nothing is routed.
 * The observer writes the ACRF, routes a positive transmission, and then moves {@code files} out of the
 * channel's IN/INTEST folder; until it has, the event is fired again (poll, restart), so the observer must be
 * idempotent per transmission. An exception from the observer leaves the files in place for the next poll.
 *
 * @param channelUser the channel's SFTP user (key of {@code ingest.batch-channel.channels})
 * @param folder      IN or INTEST
 * @param id          elements 2–6 of the names, absent when no name parsed (then the ACRF is named with the
 *                    channel's sender number, today's date and the folder's environment)
 * @param transmission the complete transmission, absent when the files form none
 * @param files       the files this verdict covers, in the folder (absolute paths)
 * @param mandant     the company the transmission is for (from the FI content), when known
 * @param findings    the formal errors, each with its rule code and a sentence naming file and rule
 */
public record TransmissionChecked(String channelUser, BatchFolder folder, Optional<TransmissionId> id,
        Optional<Transmission> transmission, List<Path> files, Optional<String> mandant, List<Finding> findings) {

    public TransmissionChecked {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    public boolean positive() {
        return findings.isEmpty() && transmission.isPresent();
    }
}
