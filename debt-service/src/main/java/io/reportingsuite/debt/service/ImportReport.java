package io.reportingsuite.debt.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The answer to a ledger import: what was added or replaced, or every refusal (then nothing was stored).
 * {@code replayed} is true when the same importId and content were imported before and this is that report.
 */
// Native image: stored as JSON by LedgerWriter and the entity of Responses, with its refusals.
@RegisterForReflection(registerFullHierarchy = true)
public record ImportReport(String importId, String status, Instant importedAt, int employersAdded,
        int employersReplaced, int quartersAdded, int quartersReplaced, boolean replayed, List<Refusal> refusals) {

    public static ImportReport refused(String importId, List<Refusal> refusals) {
        return new ImportReport(importId, "REFUSED", null, 0, 0, 0, 0, false, refusals);
    }

    public ImportReport asReplay() {
        return new ImportReport(importId, status, importedAt, employersAdded, employersReplaced, quartersAdded,
                quartersReplaced, true, refusals);
    }
}
