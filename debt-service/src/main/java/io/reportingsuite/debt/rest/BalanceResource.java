package io.reportingsuite.debt.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.reportingsuite.debt.config.AuditConfig;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.security.Consumers;
import io.reportingsuite.debt.service.BalanceAnswer;
import io.reportingsuite.debt.service.BalanceService;
import io.reportingsuite.debt.service.DebtMetrics;
import io.reportingsuite.debt.service.EmployerRef;
import io.reportingsuite.debt.store.AuditWriter;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/employers/{companyId|nossNumber}/balance?legalContext=&closingDate=}: the REST twin of
 * the SOAP EmployerAccountBalance, one employer per call. The ledger is read on a worker thread; the answer then
 * waits for its audit row's group commit ({@link AuditWriter}) without holding the thread, and is written by a
 * worker thread once the row is committed — or refused with 503 when it could not be.
 */
@Path("/api/v1/employers/{employerId}/balance")
@Blocking
public class BalanceResource {

    private final BalanceService balances;
    private final Consumers consumers;
    private final SecurityIdentity identity;
    private final DebtMetrics metrics;
    private final long auditTimeoutMillis;

    public BalanceResource(BalanceService balances, Consumers consumers, SecurityIdentity identity,
            DebtMetrics metrics, AuditConfig auditConfig) {
        this.balances = balances;
        this.consumers = consumers;
        this.identity = identity;
        this.metrics = metrics;
        this.auditTimeoutMillis = auditConfig.timeout().toMillis();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> balance(@PathParam("employerId") String employerId,
            @QueryParam("legalContext") String legalContext, @QueryParam("closingDate") String closingDate)
            throws SQLException {
        LegalContext context;
        try {
            context = LegalContext.valueOf(legalContext == null ? "" : legalContext);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedStage(problem(400, "legalContext must be one of PUBLIC_PROCUREMENT,"
                    + " ART_30BIS, SUSPENSION_ENFORCEABILITY, OTHER_ARTICLE.", "legalContext"));
        }
        LocalDate reference = null;
        if (closingDate != null && !closingDate.isEmpty()) {
            try {
                reference = isoDate(closingDate);
            } catch (DateTimeException e) {
                return CompletableFuture.completedStage(
                        problem(400, "closingDate must be a date written YYYY-MM-DD.", "closingDate"));
            }
        }
        String consumer = consumers.name(identity);
        EmployerRef employer = EmployerRef.either(employerId);
        BalanceService.Item item = new BalanceService.Item(employer, reference);
        if (!consumers.allowed(consumer, context)) {
            List<BalanceAnswer> refused = List.of(BalanceAnswer.failed("NOT_AUTHORIZED", null, context.name(), null));
            return whenAudited(balances.audit(consumer, context, List.of(item), refused), () -> {
                metrics.answered(DebtMetrics.Channel.REST, context, refused);
                return problem(403, "This consumer is not authorised for the legal context " + context + ".",
                        "legalContext");
            });
        }
        BalanceService.Answered answered = balances.answer(consumer, context, List.of(item));
        BalanceAnswer answer = answered.answers().get(0);
        return whenAudited(answered.audited(), () -> {
            metrics.answered(DebtMetrics.Channel.REST, context, answered.answers());
            int status = switch (answer.resultCode()) {
                case "OK" -> 200;
                case "NOT_FOUND" -> 404;
                case "INVALID_REQUEST" -> 400;
                default -> 500;
            };
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(answer).build();
        });
    }

    /**
     * The answer once its audit rows are committed, built on a worker thread (not the audit writer's); 503 when
     * they were not committed (within debt.audit.timeout).
     */
    private CompletionStage<Response> whenAudited(CompletableFuture<Void> audited, Supplier<Response> answer) {
        return audited.orTimeout(auditTimeoutMillis, TimeUnit.MILLISECONDS).handleAsync((done, failure) ->
                failure == null ? answer.get()
                        : problem(503, "The audit of this query could not be recorded, so no answer is given. Send"
                                + " the request again later.", null), Infrastructure.getDefaultWorkerPool());
    }

    /**
     * {@code YYYY-MM-DD} as {@link LocalDate#parse} reads it for four-digit years, without its formatter (a
     * visible share of this resource's own CPU in the bench's profile).
     */
    static LocalDate isoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw new DateTimeException("not YYYY-MM-DD");
        }
        return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not YYYY-MM-DD");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Response problem(int status, String detail, String parameter) {
        String title = switch (status) {
            case 403 -> "Forbidden";
            case 503 -> "Service Unavailable";
            default -> "Bad Request";
        };
        return Response.status(status).type("application/problem+json")
                .entity(new Problem(title, status, detail, parameter)).build();
    }
}
