package io.reportingsuite.debt.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reportingsuite.debt.service.EmployerRef;

/** One employer of a batch as requested: {@code {"companyId": …}} or {@code {"nossRegistrationNbr": …}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItem(String companyId, String nossRegistrationNbr) {

    /** Stored as {@code C:<id>} or {@code N:<id>}; an item naming neither or both is stored as {@code X:}. */
    public String encode() {
        if ((companyId == null) == (nossRegistrationNbr == null)) {
            return "X:";
        }
        return companyId != null ? "C:" + companyId : "N:" + nossRegistrationNbr;
    }

    public static BatchItem decode(String stored) {
        String value = stored.substring(2);
        return switch (stored.charAt(0)) {
            case 'C' -> new BatchItem(value, null);
            case 'N' -> new BatchItem(null, value);
            default -> new BatchItem(null, null);
        };
    }

    public EmployerRef employer() {
        if ((companyId == null) == (nossRegistrationNbr == null)) {
            return EmployerRef.notExactlyOne();
        }
        return companyId != null ? EmployerRef.companyId(companyId) : EmployerRef.nossNumber(nossRegistrationNbr);
    }
}
