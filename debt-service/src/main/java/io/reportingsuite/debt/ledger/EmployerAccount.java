package io.reportingsuite.debt.ledger;

import java.util.List;

/**
 * Everything the ledger knows of one employer: its identifiers (CBE enterprise number, NOSS registration
 * number when it has one), its quarters, disputes and payment plan.
 */
public record EmployerAccount(String companyId, String nossRegistrationNbr, String denomination,
        List<QuarterEntry> quarters, List<Dispute> disputes, boolean paymentPlanActive,
        boolean paymentPlanFollowed) {

    public EmployerAccount {
        quarters = List.copyOf(quarters);
        disputes = List.copyOf(disputes);
    }

    /** A payment plan that is active and strictly followed: the corrective measure of SPEC §6.3. */
    public boolean isPaymentPlanFollowed() {
        return paymentPlanActive && paymentPlanFollowed;
    }
}
