package io.reportingsuite.contracts.skattekort;

import java.util.List;

/** What SKAT sends on EP_SK3 for skattekort: one document holding one or more {@link Skattekort}. */
public record SkattekortForsendelse(List<Skattekort> skattekort) {

    public SkattekortForsendelse {
        skattekort = List.copyOf(skattekort);
        if (skattekort.isEmpty()) {
            throw new IllegalArgumentException("A skattekort forsendelse holds at least one Skattekort.");
        }
    }
}
