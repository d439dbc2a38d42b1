package io.reportingsuite.debt.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.reportingsuite.debt.batch.BatchRepository;
import io.reportingsuite.debt.batch.BatchRequest;
import io.reportingsuite.debt.batch.BatchService;
import io.reportingsuite.debt.batch.DebtBatch;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.security.Consumers;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Grouped batches (SPEC §6.4): {@code POST /api/v1/debt-queries/batches} answers 202 with the batch's
 * {@code Location}; {@code GET …/{id}} shows {@code state}, {@code total}, {@code done} while it runs and the
 * results one group at a time ({@code ?group=n}, a group is released when all its answers are computed).
 */
@Path("/api/v1/debt-queries/batches")
@Blocking
public class BatchResource {

    private final BatchService service;
    private final BatchRepository batches;
    private final Consumers consumers;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public BatchResource(BatchService service, BatchRepository batches, Consumers consumers, SecurityIdentity identity,
            ObjectMapper json) {
        this.service = service;
        this.batches = batches;
        this.consumers = consumers;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(BatchRequest request) throws SQLException {
        String consumer = consumers.name(identity);
        if (request == null) {
            return Response.status(400).type("application/problem+json")
                    .entity(new Problem("Bad Request", 400, "The body must be a batch request.", "")).build();
        }
        try {
            LegalContext context = LegalContext.valueOf(String.valueOf(request.legalContext()));
            if (!consumers.allowed(consumer, context)) {
                return Response.status(403).type("application/problem+json").entity(new Problem("Forbidden", 403,
                        "This consumer is not authorised for the legal context " + context + ".", "/legalContext"))
                        .build();
            }
        } catch (IllegalArgumentException e) {
            // reported with the other refusals below
        }
        try {
            BatchService.Accepted accepted = service.submit(consumer, request, DebtBatch.REST);
            URI location = URI.create("/api/v1/debt-queries/batches/" + accepted.id());
            return Response.accepted(Map.of("id", accepted.id().toString(), "state", "PENDING",
                    "total", request.items().size())).location(location).build();
        } catch (BatchService.RefusedException e) {
            return Response.status(422).entity(Map.of("status", "REFUSED", "refusals", e.refusals())).build();
        }
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("id") String id, @QueryParam("group") @DefaultValue("0") int group)
            throws SQLException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Response.status(404).build();
        }
        Optional<DebtBatch> found = batches.find(uuid);
        // Another consumer's batch does not exist for this caller.
        if (found.isEmpty() || !found.get().consumer().equals(consumers.name(identity))) {
            return Response.status(404).build();
        }
        DebtBatch b = found.get();
        ObjectNode body = json.createObjectNode();
        body.put("id", b.id().toString());
        body.put("legalContext", b.legalContext().name());
        body.put("state", b.state());
        body.put("total", b.total());
        body.put("done", b.done());
        body.put("groupSize", b.groupSize());
        body.put("groups", b.groups());
        body.put("groupsReady", b.groupsReady());
        body.put("group", group);
        ArrayNode results = body.putArray("results");
        if (group >= 0 && group < b.groupsReady()) {
            int from = group * b.groupSize();
            for (String r : batches.results(b.id(), from, Math.min(b.total(), from + b.groupSize()))) {
                try {
                    JsonNode node = json.readTree(r);
                    results.add(node);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("a stored batch result is not JSON", e);
                }
            }
            if (group + 1 < b.groups()) {
                body.put("next", "/api/v1/debt-queries/batches/" + b.id() + "?group=" + (group + 1));
            }
        }
        return Response.ok(body).build();
    }
}
