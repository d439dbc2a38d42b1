package io.reportingsuite.debt.batch;

import io.reportingsuite.debt.rules.LegalContext;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A grouped batch's header: who asked, for which context, how far it is; for a request of the batch channel
 * also the environment of its transmission ({@code R}/{@code T}) and the enterprise it was made for
 * ({@code mandant}), both null otherwise.
 */
public record DebtBatch(UUID id, String consumer, LegalContext legalContext, LocalDate closingDate, String source,
        String requestId, int total, int done, int groupSize, int groupsSent, String state, String environment,
        String mandant) {

    public static final String REST = "REST";
    public static final String AMQP = "AMQP";

    /** The number of result groups: one per {@code groupSize} answers, the last one possibly smaller. */
    public int groups() {
        return (total + groupSize - 1) / groupSize;
    }

    /** Groups whose every answer is computed. */
    public int groupsReady() {
        return done == total ? groups() : done / groupSize;
    }
}
