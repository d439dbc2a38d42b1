package io.reportingsuite.contracts.messaging;

/** The kinds of forsendelse that travel between the platform and SKAT (SPEC §2.7). */
public enum ForsendelseType {
    INDBERETNING,
    SUMKVITTERING,
    FEJLADVISERING,
    SKATTEKORT
}
