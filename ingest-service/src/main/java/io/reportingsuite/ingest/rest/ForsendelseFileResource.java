package io.reportingsuite.ingest.rest;

import io.reportingsuite.ingest.security.Caller;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;

/**
 * {@code GET /api/v1/indberetninger/{id}/file}: the exact bytes forwarded to SKAT, for the owning case
 * system's archive. Anyone else, an unknown id and a forsendelse not yet forwarded all get the same 404, so
 * the answer does not tell another system that the id exists.
 */
@Path("/api/v1/indberetninger/{id}/file")
public class ForsendelseFileResource {

    static final String FILE_TYPE = "text/plain; charset=ISO-8859-1";

    private final Caller caller;
    private final ForsendelseRepository repository;

    public ForsendelseFileResource(Caller caller, ForsendelseRepository repository) {
        this.caller = caller;
        this.repository = repository;
    }

    @GET
    @Produces(FILE_TYPE)
    public Response file(@PathParam("id") String id) throws SQLException {
        Forsendelse f = repository.find(id)
                .filter(found -> found.system().equals(caller.caseSystem()))
                .filter(found -> found.state() == Forsendelse.State.QUEUED)
                .orElseThrow(NotFoundException::new);
        byte[] payload = repository.payload(id, f.contentSha256()).orElseThrow(NotFoundException::new);
        return Response.ok(payload, FILE_TYPE)
                .tag(f.contentSha256())
                .header("Content-Disposition", "attachment; filename=\"" + id + ".txt\"")
                .build();
    }
}
