package io.reportingsuite.debt.rules;

import io.reportingsuite.debt.ledger.EmployerAccount;
import java.time.LocalDate;
import java.util.List;

/**
 * Public procurement (law of 17 June 2016 art. 68, KB 18 April 2017 art. 62–63; SPEC §6.3): the reference
 * date is the {@code ClosingDate}; the candidate is in order when its debt is at most the threshold
 * (EUR 3 000.00) or when a payment plan is active and strictly followed.
 */
public final class PublicProcurementRule implements LegalContextRule {

    private final long thresholdCents;

    public PublicProcurementRule(long thresholdCents) {
        this.thresholdCents = thresholdCents;
    }

    @Override
    public LegalContext legalContext() {
        return LegalContext.PUBLIC_PROCUREMENT;
    }

    @Override
    public Analysis analyse(EmployerAccount account, LocalDate closingDate) {
        Balance balance = Balance.at(account, closingDate);
        BalanceAnalysisResult result = BalanceAnalysisResult.classify(balance.debtCents(), thresholdCents,
                account.isPaymentPlanFollowed());
        return new Analysis(legalContext(), closingDate, balance, result, null,
                LegalContextRule.closingQuarter(closingDate), List.of());
    }
}
