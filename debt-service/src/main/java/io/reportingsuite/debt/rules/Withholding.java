package io.reportingsuite.debt.rules;

/** The art. 30bis answer (SPEC §6.3): withholding applies, does not apply, or the employer is unknown. */
public enum Withholding {
    JA,
    NEEN,
    NO_DATA
}
