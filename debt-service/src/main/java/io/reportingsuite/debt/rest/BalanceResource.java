package io.reportingsuite.debt.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.security.Consumers;
import io.reportingsuite.debt.service.BalanceAnswer;
import io.reportingsuite.debt.service.BalanceService;
import io.reportingsuite.debt.service.DebtMetrics;
import io.reportingsuite.debt.service.EmployerRef;
import io.reportingsuite.debt.store.AuditRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/v1/employers/{companyId|nossNumber}/balance?legalContext=&closingDate=}: the REST twin of
 * the SOAP EmployerAccountBalance, one employer per call.
 */
@Path("/api/v1/employers/{employerId}/balance")
@Blocking
public class BalanceResource {

    private final BalanceService balances;
    private final Consumers consumers;
    private final AuditRepository audit;
    private final SecurityIdentity identity;
    private final DebtMetrics metrics;

    public BalanceResource(BalanceService balances, Consumers consumers, AuditRepository audit,
            SecurityIdentity identity, DebtMetrics metrics) {
        this.balances = balances;
        this.consumers = consumers;
        this.audit = audit;
        this.identity = identity;
        this.metrics = metrics;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response balance(@PathParam("employerId") String employerId, @QueryParam("legalContext") String legalContext,
            @QueryParam("closingDate") String closingDate) throws SQLException {
        LegalContext context;
        try {
            context = LegalContext.valueOf(legalContext == null ? "" : legalContext);
        } catch (IllegalArgumentException e) {
            return problem(400, "legalContext must be one of PUBLIC_PROCUREMENT, ART_30BIS, SUSPENSION_ENFORCEABILITY,"
                    + " OTHER_ARTICLE.", "legalContext");
        }
        LocalDate reference = null;
        if (closingDate != null && !closingDate.isEmpty()) {
            try {
                reference = LocalDate.parse(closingDate);
            } catch (DateTimeParseException e) {
                return problem(400, "closingDate must be a date written YYYY-MM-DD.", "closingDate");
            }
        }
        String consumer = consumers.name(identity);
        EmployerRef employer = EmployerRef.either(employerId);
        BalanceService.Item item = new BalanceService.Item(employer, reference);
        if (!consumers.allowed(consumer, context)) {
            List<BalanceAnswer> refused = List.of(BalanceAnswer.failed("NOT_AUTHORIZED", null, context.name(), null));
            audit.record(balances.auditEntries(consumer, context, List.of(item), refused));
            metrics.answered(DebtMetrics.Channel.REST, context, refused);
            return problem(403, "This consumer is not authorised for the legal context " + context + ".", "legalContext");
        }
        BalanceAnswer answer = balances.answer(consumer, context, List.of(item)).get(0);
        metrics.answered(DebtMetrics.Channel.REST, context, List.of(answer));
        int status = switch (answer.resultCode()) {
            case "OK" -> 200;
            case "NOT_FOUND" -> 404;
            case "INVALID_REQUEST" -> 400;
            default -> 500;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(answer).build();
    }

    private static Response problem(int status, String detail, String parameter) {
        return Response.status(status).type("application/problem+json")
                .entity(new Problem(status == 403 ? "Forbidden" : "Bad Request", status, detail, parameter)).build();
    }
}
