package io.reportingsuite.debt.batch;

import io.reportingsuite.debt.config.DebtConfig;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.service.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Accepts batches from REST and AMQP: checks the request, stores it, wakes the worker. */
@ApplicationScoped
public class BatchService {

    /** A stored batch, or why the request was refused. */
    public record Accepted(UUID id, boolean created) {
    }

    /** Thrown with every refusal of a request; nothing was stored. */
    public static final class RefusedException extends Exception {
        private final transient List<Refusal> refusals;

        RefusedException(List<Refusal> refusals) {
            super("batch request refused");
            this.refusals = refusals;
        }

        public List<Refusal> refusals() {
            return refusals;
        }
    }

    private final BatchRepository batches;
    private final BatchWorker worker;
    private final DebtConfig config;
    private final Clock clock;

    public BatchService(BatchRepository batches, BatchWorker worker, DebtConfig config, Clock clock) {
        this.batches = batches;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Stores the batch. An AMQP request's batch id is derived from its consumer and requestId, so a
     * redelivered request finds its batch instead of starting a second one.
     */
    public Accepted submit(String consumer, BatchRequest request, String source) throws RefusedException, SQLException {
        return submit(consumer, request, source, null, null);
    }

    /**
     * As {@link #submit(String, BatchRequest, String)}, for a request of the batch channel: its environment
     * ({@code R}/{@code T}) and mandant are stored with the batch and sent with every result group.
     */
    public Accepted submit(String consumer, BatchRequest request, String source, String environment, String mandant)
            throws RefusedException, SQLException {
        List<Refusal> refusals = new ArrayList<>();
        LegalContext context = null;
        try {
            context = LegalContext.valueOf(String.valueOf(request.legalContext()));
        } catch (IllegalArgumentException e) {
            refusals.add(new Refusal("/legalContext", "legalContext must be one of PUBLIC_PROCUREMENT, ART_30BIS,"
                    + " SUSPENSION_ENFORCEABILITY, OTHER_ARTICLE."));
        }
        LocalDate closingDate = null;
        if (request.closingDate() != null) {
            try {
                closingDate = LocalDate.parse(request.closingDate());
            } catch (DateTimeParseException e) {
                refusals.add(new Refusal("/closingDate", "closingDate must be a date written YYYY-MM-DD."));
            }
        }
        List<BatchItem> items = request.items();
        if (items == null || items.isEmpty()) {
            refusals.add(new Refusal("/items", "items must be a non-empty array."));
        } else if (items.size() > config.batch().maxItems()) {
            refusals.add(new Refusal("/items", "A batch has at most " + config.batch().maxItems() + " items."));
        } else {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null) {
                    refusals.add(new Refusal("/items/" + i, "An item must be an object with companyId or"
                            + " nossRegistrationNbr."));
                }
            }
        }
        if (DebtBatch.AMQP.equals(source) && (request.requestId() == null || request.requestId().isBlank())) {
            refusals.add(new Refusal("/requestId", "requestId is required on debt.batch-requests."));
        }
        if (!refusals.isEmpty()) {
            throw new RefusedException(refusals);
        }
        UUID id = DebtBatch.AMQP.equals(source)
                ? UUID.nameUUIDFromBytes((consumer + "\n" + request.requestId()).getBytes(StandardCharsets.UTF_8))
                : UUID.randomUUID();
        DebtBatch batch = new DebtBatch(id, consumer, context, closingDate, source, request.requestId(), items.size(),
                0, config.batch().groupSize(), 0, "PENDING", environment, mandant);
        boolean created = batches.create(batch, items, clock.instant());
        worker.wakeUp();
        return new Accepted(id, created);
    }
}
