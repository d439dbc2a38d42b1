package io.reportingsuite.ingest.rest;

import io.reportingsuite.ingest.security.Caller;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.styret.StyretAreas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code GET /api/v1/indberetninger/{id}/file}: the exact bytes forwarded to SKAT, for the owning case
 * system's archive. Anyone else, an unknown id and a forsendelse not yet forwarded all get the same 404, so
 * the answer does not tell another system that the id exists. A Styret SFTP forsendelse is streamed from the
 * platform folder it is kept in.
 */
@Path("/api/v1/indberetninger/{id}/file")
public class ForsendelseFileResource {

    static final String FILE_TYPE = "text/plain; charset=ISO-8859-1";

    private final Caller caller;
    private final ForsendelseRepository repository;
    private final StyretAreas areas;

    public ForsendelseFileResource(Caller caller, ForsendelseRepository repository, StyretAreas areas) {
        this.caller = caller;
        this.repository = repository;
        this.areas = areas;
    }

    @GET
    @Produces(FILE_TYPE)
    public Response file(@PathParam("id") String id) throws SQLException {
        Forsendelse f = repository.find(id)
                .filter(found -> found.system().equals(caller.caseSystem()))
                .filter(found -> found.state() == Forsendelse.State.QUEUED)
                .orElseThrow(NotFoundException::new);
        Optional<byte[]> payload = repository.payload(id, f.contentSha256());
        Object body;
        if (payload.isPresent()) {
            body = payload.get();
        } else {
            java.nio.file.Path file = repository.storedFile(id, f.contentSha256())
                    .map(stored -> areas.platformFolder().resolve(stored.fileRef()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .orElseThrow(NotFoundException::new);
            body = file.toFile();
        }
        return Response.ok(body, FILE_TYPE)
                .tag(f.contentSha256())
                .header("Content-Disposition", "attachment; filename=\"" + id + ".txt\"")
                .build();
    }
}
