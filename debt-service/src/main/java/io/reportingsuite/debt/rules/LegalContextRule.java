package io.reportingsuite.debt.rules;

import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.Quarter;
import java.time.LocalDate;

/** The rule of one legal context: pure, no framework, thresholds given at construction. */
public interface LegalContextRule {

    LegalContext legalContext();

    Analysis analyse(EmployerAccount account, LocalDate referenceDate);

    /**
     * The last expired quarter at the reference date: the last quarter whose ordinary due date (the last day
     * of the month after it) is on or before the date (SPEC §6.3, KB 18 April 2017 art. 62 §3 "vervallen").
     */
    static Quarter closingQuarter(LocalDate referenceDate) {
        Quarter q = Quarter.of(referenceDate);
        while (q.defaultDueDate().isAfter(referenceDate)) {
            q = q.previous();
        }
        return q;
    }
}
