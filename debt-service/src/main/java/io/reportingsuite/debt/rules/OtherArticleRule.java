package io.reportingsuite.debt.rules;

import io.reportingsuite.debt.ledger.EmployerAccount;
import java.time.LocalDate;
import java.util.List;

/**
 * Any other legal article (SPEC §6.2): the debt at the reference date against a configurable threshold,
 * a followed payment plan exempting as for public procurement.
 */
public final class OtherArticleRule implements LegalContextRule {

    private final long thresholdCents;

    public OtherArticleRule(long thresholdCents) {
        this.thresholdCents = thresholdCents;
    }

    @Override
    public LegalContext legalContext() {
        return LegalContext.OTHER_ARTICLE;
    }

    @Override
    public Analysis analyse(EmployerAccount account, LocalDate referenceDate) {
        Balance balance = Balance.at(account, referenceDate);
        BalanceAnalysisResult result = BalanceAnalysisResult.classify(balance.debtCents(), thresholdCents,
                account.isPaymentPlanFollowed());
        return new Analysis(legalContext(), referenceDate, balance, result, null,
                LegalContextRule.closingQuarter(referenceDate), List.of());
    }
}
