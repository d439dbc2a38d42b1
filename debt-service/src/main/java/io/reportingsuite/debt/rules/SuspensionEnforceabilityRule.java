package io.reportingsuite.debt.rules;

import io.reportingsuite.debt.ledger.EmployerAccount;
import java.time.LocalDate;
import java.util.List;

/**
 * Suspension of enforceability (employer claims on the State, the 45-day procedure [S24]; SPEC §6.2): the
 * authority may pay the claim only when the employer owes no more than the threshold (by default nothing).
 * A payment plan exempts only when configured so ({@code debt.rules.suspension-enforceability.payment-plan-exempts}).
 */
public final class SuspensionEnforceabilityRule implements LegalContextRule {

    private final long thresholdCents;
    private final boolean paymentPlanExempts;

    public SuspensionEnforceabilityRule(long thresholdCents, boolean paymentPlanExempts) {
        this.thresholdCents = thresholdCents;
        this.paymentPlanExempts = paymentPlanExempts;
    }

    @Override
    public LegalContext legalContext() {
        return LegalContext.SUSPENSION_ENFORCEABILITY;
    }

    @Override
    public Analysis analyse(EmployerAccount account, LocalDate referenceDate) {
        Balance balance = Balance.at(account, referenceDate);
        BalanceAnalysisResult result = BalanceAnalysisResult.classify(balance.debtCents(), thresholdCents,
                paymentPlanExempts && account.isPaymentPlanFollowed());
        return new Analysis(legalContext(), referenceDate, balance, result, null,
                LegalContextRule.closingQuarter(referenceDate), List.of());
    }
}
