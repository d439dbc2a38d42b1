package io.reportingsuite.debt.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.debt.service.CsvLedgerImport;
import io.reportingsuite.debt.service.ImportReport;
import io.reportingsuite.debt.service.LedgerImportParser;
import io.reportingsuite.debt.service.Refusal;
import io.reportingsuite.debt.store.LedgerWriter;
import io.reportingsuite.debt.store.LedgerWriter.Outcome;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code POST /api/v1/ledger/imports}: the ledger's only write path. Validated in full before anything is
 * stored; idempotent per importId (same content: the first report again; other content: 409).
 */
@Path("/api/v1/ledger/imports")
@Blocking
public class LedgerImportResource {

    /** The role of the ledger's feeding system (configured like the consumers). */
    public static final String LEDGER_WRITER_ROLE = "ledger-writer";

    private final LedgerWriter writer;
    private final ObjectMapper json;
    private final Clock clock;

    public LedgerImportResource(LedgerWriter writer, ObjectMapper json, Clock clock) {
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(LEDGER_WRITER_ROLE)
    public Response importLedger(JsonNode body) throws SQLException {
        LedgerImportParser.Parsed parsed = LedgerImportParser.parse(body);
        if (!parsed.refusals().isEmpty()) {
            return Response.status(422).entity(ImportReport.refused(parsed.importId(), parsed.refusals())).build();
        }
        return write(parsed, body, refusals -> refusals);
    }

    /**
     * The same import as CSV ({@link CsvLedgerImport}: the JSON import's fields as columns, one line per
     * quarter and/or dispute), the importId as a query parameter; validated by the same parser, refusals at
     * their line and column. A CSV and a JSON import of the same content are the same content (the SHA-256 is
     * taken of the JSON document the CSV becomes).
     */
    @POST
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(LEDGER_WRITER_ROLE)
    public Response importCsv(@QueryParam("importId") String importId, String body) throws SQLException {
        CsvLedgerImport.Read read = CsvLedgerImport.read(importId, body == null ? "" : body, json);
        if (read.document() == null) {
            return Response.status(422).entity(ImportReport.refused(importId, read.refusals())).build();
        }
        LedgerImportParser.Parsed parsed = LedgerImportParser.parse(read.document());
        if (!read.refusals().isEmpty() || !parsed.refusals().isEmpty()) {
            List<Refusal> all = new ArrayList<>(read.refusals());
            all.addAll(read.lines().translate(parsed.refusals()));
            all.sort(Comparator.comparing(Refusal::line, Comparator.nullsFirst(Comparator.naturalOrder())));
            return Response.status(422).entity(ImportReport.refused(importId, all)).build();
        }
        return write(parsed, read.document(), read.lines()::translate);
    }

    /** Stores a valid import; {@code where} says where a refusal is (JSON pointers, or CSV lines and columns). */
    private Response write(LedgerImportParser.Parsed parsed, JsonNode body, UnaryOperator<List<Refusal>> where)
            throws SQLException {
        Outcome outcome = writer.write(parsed.importId(), sha256(body), parsed.employers(), clock.instant());
        if (outcome instanceof Outcome.Imported i) {
            return Response.status(201).entity(i.report()).build();
        }
        if (outcome instanceof Outcome.Replayed r) {
            return Response.ok(r.report()).build();
        }
        if (outcome instanceof Outcome.Refused r) {
            return Response.status(422)
                    .entity(ImportReport.refused(parsed.importId(), where.apply(r.report().refusals()))).build();
        }
        return Response.status(409).entity(ImportReport.refused(parsed.importId(),
                where.apply(List.of(new Refusal("/importId", "This importId was used before for other content.")))))
                .build();
    }

    private String sha256(JsonNode body) {
        try {
            byte[] canonical = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
