package io.reportingsuite.debt.service;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a ledger import: what was added or replaced, or every refusal (then nothing was stored).
 * {@code replayed} is true when the same importId and content were imported before and this is that report.
 */
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
