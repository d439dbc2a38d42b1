package io.reportingsuite.debt.rest;

import io.reportingsuite.debt.store.AuditRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** {@code GET /api/v1/admin/audit}: the newest audited queries, for the {@code auditor} role only. */
@Path("/api/v1/admin/audit")
@Blocking
public class AuditResource {

    private final AuditRepository audit;

    public AuditResource(AuditRepository audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("auditor")
    public List<AuditRepository.Entry> latest(@QueryParam("consumer") String consumer,
            @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return audit.latest(consumer, Math.max(1, Math.min(limit, 10_000)));
    }
}
