package io.reportingsuite.contracts.eindkomst;

/** The content rule a field's non-blank value must satisfy, beyond its {@link FieldType}. */
public enum ValueRule {
    NONE,
    /** yyyyMMdd, a real calendar date. */
    DATE,
    /** HHmmss. */
    TIME,
    /** Danish CPR number, constructed numbers (day + 60) accepted. */
    CPR,
    /** Danish SE/CVR number with modulus-11 check. */
    SE,
    /** One of {@link FieldSpec#allowed()}. */
    ALLOWED,
    /** Record 5000 indkomsttype code (SPEC §3.5). */
    INDKOMSTTYPE,
    /** Feltnr of a 6001–6005 detail line: four digits, not 0000. */
    FELTNR,
    /** {@code +} or {@code -}. */
    SIGN,
    /** HovedIndberetningID: {@code [AB][A-Za-z0-9]{15}}. */
    HOVED_ID,
    /** Two upper-case letters (ISO 3166 alpha-2). */
    COUNTRY
}
