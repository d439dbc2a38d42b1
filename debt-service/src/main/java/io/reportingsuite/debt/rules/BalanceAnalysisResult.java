package io.reportingsuite.debt.rules;

/** The outcome of a rule (XSD {@code BalanceAnalysisResult}, SPEC §6.2). */
public enum BalanceAnalysisResult {
    NO_DEBT,
    DEBT_BELOW_THRESHOLD,
    DEBT_ABOVE_THRESHOLD_PAYMENT_PLAN_FOLLOWED,
    DEBT_ABOVE_THRESHOLD,
    MISSING_DECLARATIONS;

    /** In order for the legal context: no debt, debt within the threshold, or a plan that is followed. */
    public boolean inOrder() {
        return this == NO_DEBT || this == DEBT_BELOW_THRESHOLD || this == DEBT_ABOVE_THRESHOLD_PAYMENT_PLAN_FOLLOWED;
    }

    /** Debt compared with a threshold: above means strictly more than it. */
    static BalanceAnalysisResult classify(long debtCents, long thresholdCents, boolean planFollowedExempts) {
        if (debtCents == 0) {
            return NO_DEBT;
        }
        if (debtCents <= thresholdCents) {
            return DEBT_BELOW_THRESHOLD;
        }
        return planFollowedExempts ? DEBT_ABOVE_THRESHOLD_PAYMENT_PLAN_FOLLOWED : DEBT_ABOVE_THRESHOLD;
    }
}
