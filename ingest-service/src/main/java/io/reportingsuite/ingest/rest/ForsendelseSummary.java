package io.reportingsuite.ingest.rest;

import io.reportingsuite.ingest.store.Forsendelse;
import java.time.Instant;

/** One line of the forsendelse list. */
public record ForsendelseSummary(String hovedIndberetningId, String system, String channel, String state,
                                 Instant receivedAt, Instant queuedAt, long records, long errors, long warnings,
                                 String tracking) {

    static ForsendelseSummary of(Forsendelse f) {
        return new ForsendelseSummary(f.hovedIndberetningId(), f.system(), f.channel(), f.state().name(),
                f.receivedAt(), f.queuedAt(), f.records(), f.errors(), f.warnings(),
                IndberetningResource.PATH + "/" + f.hovedIndberetningId());
    }
}
