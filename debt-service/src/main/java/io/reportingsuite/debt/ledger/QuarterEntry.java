package io.reportingsuite.debt.ledger;

import java.time.LocalDate;

/**
 * One employer's account for one quarter, amounts in euro cents. {@code dueDate} is the legal due date, a
 * postponed one when the law deferred it (such a quarter does not count before that date).
 */
public record QuarterEntry(Quarter quarter, long contributionCents, long paidCents, long increasesCents,
        long interestsCents, long legalCostsCents, LocalDate dueDate, boolean dmfaFiled) {

    /** Contributions still open: what was declared minus what was paid, never below zero. */
    public long openContributionCents() {
        return Math.max(0, contributionCents - paidCents);
    }

    public boolean isDueOn(LocalDate referenceDate) {
        return !dueDate.isAfter(referenceDate);
    }

    /** The due date was moved past the quarter's ordinary due date. */
    public boolean isPostponed() {
        return dueDate.isAfter(quarter.defaultDueDate());
    }
}
