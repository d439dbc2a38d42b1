package io.reportingsuite.debt.service;

import io.reportingsuite.contracts.ident.EnterpriseNumber;
import io.reportingsuite.contracts.ident.IdentifierProblem;
import io.reportingsuite.contracts.ident.NossNumber;
import io.reportingsuite.debt.store.LedgerRepository.Key;
import java.util.Optional;

/**
 * The employer a query names: a valid identifier with the ledger column it is looked up in, or the reason
 * it is not valid ({@code problem}, an error id, then {@code key} and {@code id} are null).
 */
public record EmployerRef(Key key, String id, String problem) {

    public static EmployerRef companyId(String raw) {
        Optional<IdentifierProblem> p = EnterpriseNumber.check(raw);
        return p.isPresent() ? invalid(p.get()) : new EmployerRef(Key.COMPANY_ID, EnterpriseNumber.parse(raw).digits(), null);
    }

    public static EmployerRef nossNumber(String raw) {
        Optional<IdentifierProblem> p = NossNumber.check(raw);
        return p.isPresent() ? invalid(p.get())
                : new EmployerRef(Key.NOSS_REGISTRATION_NBR, NossNumber.parse(raw).digits(), null);
    }

    /** A path segment that is either: an enterprise number when it is a valid one, else a NOSS number. */
    public static EmployerRef either(String raw) {
        EmployerRef company = companyId(raw);
        if (company.isValid()) {
            return company;
        }
        EmployerRef noss = nossNumber(raw);
        return noss.isValid() ? noss : company;
    }

    public static EmployerRef invalid(IdentifierProblem problem) {
        return new EmployerRef(null, null, problem.name());
    }

    /** Not exactly one identifier was given (SOAP {@code EmployerId}). */
    public static EmployerRef notExactlyOne() {
        return new EmployerRef(null, null, "EMPLOYER_ID_NOT_EXACTLY_ONE");
    }

    public boolean isValid() {
        return problem == null;
    }
}
