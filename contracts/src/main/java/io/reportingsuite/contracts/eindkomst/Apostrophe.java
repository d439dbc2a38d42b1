package io.reportingsuite.contracts.eindkomst;

/** Whether a field may contain {@code '} (SPEC §2.2: forbidden except in a few name/text fields). */
public enum Apostrophe {
    FORBIDDEN,
    /** Accepted but reported: record 2101 Suppl_opl_medarbejdernr, where SKAT's guides disagree. */
    WARN,
    ALLOWED
}
