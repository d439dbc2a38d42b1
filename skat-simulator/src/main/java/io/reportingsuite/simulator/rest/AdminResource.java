package io.reportingsuite.simulator.rest;

import io.reportingsuite.contracts.ident.Cpr;
import io.reportingsuite.contracts.ident.Cvr;
import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.contracts.skattekort.Skattekort;
import io.reportingsuite.simulator.engine.Received;
import io.reportingsuite.simulator.engine.SkatSimulator;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The simulator's admin API (test environments only): what it received (ids, sizes, counts, hashes — never
 * payloads), an unsolicited skattekort change, a period of not answering, and a reset.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    SkatSimulator simulator;

    /** The admin view of the simulator. */
    public record State(List<Received> received, Map<SkatMq.Status, Long> returnStatuses, boolean unreachable,
                        Instant unreachableUntil) {
    }

    /** Request for {@code POST /skattekort}: the CPR goes in the body, never in a URL that gets logged. */
    public record SkattekortChange(String cpr, String abonnentSe) {
    }

    /** Answer of {@code POST /skattekort}, without the CPR. */
    public record SkattekortSent(String abonnentSe, int kortType, int skattekortLoebenummer, String anvendesFra) {
    }

    /** Request for {@code POST /unreachable}. */
    public record Unreachable(long seconds) {
    }

    @GET
    @Path("/received")
    public State received() {
        return state();
    }

    @POST
    @Path("/skattekort")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response skattekortChange(SkattekortChange change) throws JMSException {
        if (change == null || !Cpr.isValid(change.cpr()) || !Cvr.isValid(change.abonnentSe())) {
            throw new WebApplicationException("cpr must be a valid CPR number and abonnentSe a valid SE number.",
                    Response.Status.BAD_REQUEST);
        }
        Skattekort card = simulator.sendSkattekortChange(change.cpr(), change.abonnentSe());
        return Response.accepted(new SkattekortSent(card.abonnentSENummer(), card.kortType().code(),
                card.skattekortLoebenummer(), card.anvendesFraDato().toString())).build();
    }

    @POST
    @Path("/unreachable")
    @Consumes(MediaType.APPLICATION_JSON)
    public State unreachable(Unreachable request) {
        if (request == null || request.seconds() < 0 || request.seconds() > 86_400) {
            throw new WebApplicationException("seconds must be between 0 and 86400.", Response.Status.BAD_REQUEST);
        }
        simulator.unreachableFor(Duration.ofSeconds(request.seconds()));
        return state();
    }

    @DELETE
    @Path("/state")
    public Response clear() {
        simulator.clear();
        return Response.noContent().build();
    }

    private State state() {
        return new State(simulator.received(), simulator.returnStatuses(), simulator.isUnreachable(),
                simulator.isUnreachable() ? simulator.unreachableUntil() : null);
    }
}
