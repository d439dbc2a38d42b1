package io.reportingsuite.debt.rules;

import io.reportingsuite.debt.ledger.Quarter;
import java.time.LocalDate;
import java.util.List;

/**
 * What a rule concluded for one employer: the amounts, the outcome, the art. 30bis answer (only for
 * {@link LegalContext#ART_30BIS}, otherwise null), the last expired quarter at the reference date and the
 * quarters whose DmfA declaration is missing (only listed where the rule looks at them).
 */
public record Analysis(LegalContext legalContext, LocalDate referenceDate, Balance balance,
        BalanceAnalysisResult result, Withholding withholding, Quarter closingQuarter,
        List<Quarter> missingDeclarationQuarters) {

    public Analysis {
        missingDeclarationQuarters = List.copyOf(missingDeclarationQuarters);
    }
}
