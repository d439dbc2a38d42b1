package io.reportingsuite.debt.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One answer to one employer query: the REST body as it is, and what the SOAP {@code Response} is mapped
 * from, field by field (the XSD names in lower camel case).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: written by ObjectMapper.valueToTree (BatchWorker) and the entity of Responses, with its nested records.
@RegisterForReflection(registerFullHierarchy = true)
public record BalanceAnswer(String resultCode, String errorId, String legalContext, EmployerId employerId,
        String denomination, BalanceAmounts balanceAmounts, String balanceAnalysisResult, String withholding,
        Boolean isPaymentPlanFollowed, LocalDate closingDate, String closingQuarter,
        List<String> missingDeclarationQuarters, List<DisputeAmount> disputes, Instant attestationTimestamp) {

    public record EmployerId(String companyId, String nossRegistrationNbr) {
    }

    public record BalanceAmounts(long contributionTotalAmount, long totalIncreases, long totalInterests,
            long totalLegalCosts) {
    }

    public record DisputeAmount(String disputeType, long amount) {
    }

    /** An item that has no employer data: NOT_FOUND, INVALID_REQUEST and the like. */
    public static BalanceAnswer failed(String resultCode, String errorId, String legalContext, String withholding) {
        return new BalanceAnswer(resultCode, errorId, legalContext, null, null, null, null, withholding, null, null,
                null, null, null, null);
    }

    public boolean isOk() {
        return "OK".equals(resultCode);
    }
}
