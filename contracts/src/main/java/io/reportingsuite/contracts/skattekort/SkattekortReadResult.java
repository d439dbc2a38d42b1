package io.reportingsuite.contracts.skattekort;

import io.reportingsuite.contracts.finding.Finding;
import java.util.List;

/**
 * Outcome of reading a skattekort document: the cards (empty when there are errors) and the findings.
 *
 * @param skattekort the cards in document order; empty when {@link #hasErrors()}
 * @param findings   problems found, in document order; never carry a value from the input
 */
public record SkattekortReadResult(List<Skattekort> skattekort, List<Finding> findings) {

    public SkattekortReadResult {
        skattekort = List.copyOf(skattekort);
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    /**
     * The cards as a forsendelse.
     *
     * @throws IllegalStateException when the document had errors (the message lists the findings)
     */
    public SkattekortForsendelse forsendelse() {
        if (hasErrors()) {
            throw new IllegalStateException("The skattekort document is invalid: "
                    + String.join("; ", findings.stream().map(Finding::format).toList()));
        }
        return new SkattekortForsendelse(skattekort);
    }
}
