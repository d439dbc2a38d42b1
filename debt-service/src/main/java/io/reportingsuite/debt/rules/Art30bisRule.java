package io.reportingsuite.debt.rules;

import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.Quarter;
import io.reportingsuite.debt.ledger.QuarterEntry;
import java.time.LocalDate;
import java.util.List;

/**
 * Art. 30bis/30ter withholding (SPEC §6.3): the company has social debts, and the principal must withhold
 * ({@link Withholding#JA}), when its debt is more than the threshold (EUR 2 500.00) or a DmfA declaration
 * is missing for a quarter up to and including the penultimate quarter elapsed before the reference date
 * (on 2026-12-02: 2026Q2). A payment plan does not lift the obligation.
 */
public final class Art30bisRule implements LegalContextRule {

    private final long thresholdCents;

    public Art30bisRule(long thresholdCents) {
        this.thresholdCents = thresholdCents;
    }

    @Override
    public LegalContext legalContext() {
        return LegalContext.ART_30BIS;
    }

    /** The last quarter whose DmfA must have been filed at the reference date. */
    public static Quarter penultimateElapsedQuarter(LocalDate referenceDate) {
        return Quarter.of(referenceDate).previous().previous();
    }

    @Override
    public Analysis analyse(EmployerAccount account, LocalDate referenceDate) {
        Quarter lastRequired = penultimateElapsedQuarter(referenceDate);
        List<Quarter> missing = account.quarters().stream()
                .filter(q -> !q.dmfaFiled() && !q.quarter().isAfter(lastRequired))
                .map(QuarterEntry::quarter)
                .sorted()
                .toList();
        Balance balance = Balance.at(account, referenceDate);
        BalanceAnalysisResult result = missing.isEmpty()
                ? BalanceAnalysisResult.classify(balance.debtCents(), thresholdCents, false)
                : BalanceAnalysisResult.MISSING_DECLARATIONS;
        Withholding withholding = result.inOrder() ? Withholding.NEEN : Withholding.JA;
        return new Analysis(legalContext(), referenceDate, balance, result, withholding,
                LegalContextRule.closingQuarter(referenceDate), missing);
    }
}
