package io.reportingsuite.contracts.eindkomst;

/** How a fixed-record field is aligned and padded (SKAT conventions, SPEC §3.1). */
public enum FieldType {
    /** Numeric: digits only, right-aligned, zero-padded; an optional N field may be all blanks. */
    N,
    /** Alphanumeric: left-aligned, blank-padded. */
    A,
    /** Reserved space: blanks. */
    FILLER
}
