package io.reportingsuite.contracts.skattekort;

/**
 * The skattekort type delivered to the subscriber (SKAT's <em>svartype</em>, XML element {@code KortType},
 * SPEC §3.9), with the cross-field rules that follow from it.
 */
public enum KortType {
    INTET_SKATTEKORT(0),
    BRUTTOTRAEKKORT(1),
    HOVEDKORT(2),
    FRIKORT(3),
    BIKORT(4),
    BRUTTOTRAEKKORT_PARAGRAF17(5),
    HOVEDKORT_PARAGRAF17(6),
    BIKORT_PARAGRAF17(7);

    private final int code;

    KortType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Only a hovedkort carries deductions (fradrag). */
    public boolean hasFradrag() {
        return this == HOVEDKORT || this == HOVEDKORT_PARAGRAF17;
    }

    /** Only a frikort carries a frikort amount. */
    public boolean hasFrikortBeloeb() {
        return this == FRIKORT;
    }

    /** Types that may carry a §17 withholding percentage. */
    public boolean allowsParagraf17() {
        return this == FRIKORT || code >= 5;
    }

    /** @throws IllegalArgumentException for a code outside 0..7 */
    public static KortType of(int code) {
        for (KortType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("KortType must be 0..7.");
    }
}
