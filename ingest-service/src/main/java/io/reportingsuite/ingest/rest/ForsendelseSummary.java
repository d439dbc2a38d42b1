package io.reportingsuite.ingest.rest;

import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import java.time.Instant;

/** One line of the forsendelse list; {@code state} is the same as the detail view's. */
public record ForsendelseSummary(String hovedIndberetningId, String system, String channel, String state,
                                 Instant receivedAt, Instant queuedAt, long records, long errors, long warnings,
                                 String tracking) {

    static ForsendelseSummary of(ForsendelseRepository.Listed listed) {
        Forsendelse f = listed.forsendelse();
        return new ForsendelseSummary(f.hovedIndberetningId(), f.system(), f.channel(), listed.state(),
                f.receivedAt(), f.queuedAt(), f.records(), f.errors(), f.warnings(),
                IndberetningResource.PATH + "/" + f.hovedIndberetningId());
    }
}
