package io.reportingsuite.contracts.eindkomst;

import io.reportingsuite.contracts.finding.Finding;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcome of validating one file: the listed findings (at most the cap plus one X01), the full error and
 * warning counts, and records per type for track-and-trace.
 *
 * @param findings            listed findings in input order
 * @param recordCounts        lines per readable record type, ordered by type
 * @param records             number of lines
 * @param errors              all errors, including those not listed
 * @param warnings            all warnings, including those not listed
 * @param truncated           true when the cap was reached
 * @param hovedIndberetningId record 1000 field 12 as found (the one value that may be logged), or null
 */
public record ValidationResult(List<Finding> findings, Map<String, Long> recordCounts, long records,
                               long errors, long warnings, boolean truncated, String hovedIndberetningId) {

    public ValidationResult {
        findings = List.copyOf(findings);
        recordCounts = Collections.unmodifiableMap(new TreeMap<>(recordCounts));
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    /** {@code records: N, errors: E, warnings: W}. */
    public String summary() {
        return "records: " + records + ", errors: " + errors + ", warnings: " + warnings;
    }
}
