package io.reportingsuite.debt.rules;

import io.reportingsuite.debt.ledger.Dispute;
import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.QuarterEntry;
import java.time.LocalDate;

/**
 * An employer's debt at a reference date (SPEC §6.3, issue 11), in euro cents: over the quarters whose
 * (possibly postponed) due date is on or before the reference date, the open contributions (declared minus
 * paid, not below zero) plus increases, interests and legal costs; minus the disputed amounts, not below zero.
 */
public record Balance(long contributionCents, long increasesCents, long interestsCents, long legalCostsCents,
        long disputedCents) {

    public static Balance at(EmployerAccount account, LocalDate referenceDate) {
        long contribution = 0;
        long increases = 0;
        long interests = 0;
        long legalCosts = 0;
        for (QuarterEntry q : account.quarters()) {
            if (q.isDueOn(referenceDate)) {
                contribution = Math.addExact(contribution, q.openContributionCents());
                increases = Math.addExact(increases, q.increasesCents());
                interests = Math.addExact(interests, q.interestsCents());
                legalCosts = Math.addExact(legalCosts, q.legalCostsCents());
            }
        }
        long disputed = 0;
        for (Dispute d : account.disputes()) {
            disputed = Math.addExact(disputed, d.amountCents());
        }
        return new Balance(contribution, increases, interests, legalCosts, disputed);
    }

    /** The debt the rules compare with their thresholds. */
    public long debtCents() {
        long gross = contributionCents + increasesCents + interestsCents + legalCostsCents;
        return Math.max(0, gross - disputedCents);
    }
}
