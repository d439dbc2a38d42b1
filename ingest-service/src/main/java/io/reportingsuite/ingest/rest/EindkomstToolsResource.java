package io.reportingsuite.ingest.rest;

import io.reportingsuite.ingest.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonDecoder;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonEncoder;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonSchema;
import io.reportingsuite.contracts.eindkomst.json.PointedFinding;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.ingest.service.Rejection;
import io.reportingsuite.ingest.service.SubmissionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;
import java.util.List;

/**
 * Developer tools for case-system builders (issue 10), under {@code /api/v1/eindkomst}: encode a structured
 * forsendelse without storing or forwarding it, decode a file into the JSON form, and the JSON Schema of that
 * form, generated from the record layouts at start. Authenticated like every {@code /api/} call; nothing
 * here logs or keeps content.
 */
@Path("/api/v1/eindkomst")
public class EindkomstToolsResource {

    /** The media type of the served schema. */
    public static final String SCHEMA_JSON = "application/schema+json";

    private static final ObjectNode SCHEMA = ForsendelseJsonSchema.generate();

    private final Caller caller;
    private final CaseSystemRegistry registry;

    public EindkomstToolsResource(Caller caller, CaseSystemRegistry registry) {
        this.caller = caller;
        this.registry = registry;
    }

    /**
     * The dry run's answer.
     *
     * @param written  false when the JSON could not be encoded (J findings); nothing else is then filled in
     * @param accepted true when the platform would accept the file from the caller (no errors)
     * @param file     the encoded file, Base64 (ISO-8859-1, CR/LF)
     */
    public record Encoding(boolean written, boolean accepted, long records, String contentSha256, long errors,
                           long warnings, String file, List<Problem.FindingView> findings) {
    }

    @POST
    @Path("encode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Encoding encode(JsonNode document) throws Rejection {
        if (document == null || document.isNull() || document.isMissingNode()) {
            throw new Rejection(Rejection.Kind.ENVELOPE, "The request body is missing.");
        }
        ForsendelseJsonEncoder.Encoded encoded = ForsendelseJsonEncoder.encode(document);
        if (!encoded.written()) {
            return new Encoding(false, false, 0, null, encoded.problems().size(), 0, null,
                    views(encoded.problems()));
        }
        RegisteredSystem system = registry.byName(caller.caseSystem()).orElseThrow(() ->
                new Rejection(Rejection.Kind.SECURITY, "The caller is not a known case system."));
        // Exactly the options a submission by this caller is validated with.
        ValidationResult result = EIndkomstValidator.validate(encoded.file(),
                SubmissionService.validationOptions(system, StructuredSubmissions.hovedIndberetningId(document)));
        var pointers = StructuredSubmissions.pointers(document, encoded.sourceMap());
        return new Encoding(true, !result.hasErrors(), encoded.records(), encoded.sha256(), result.errors(),
                result.warnings(), Base64.getEncoder().encodeToString(encoded.file()),
                result.findings().stream().map(f -> Problem.FindingView.of(f, pointers.apply(f))).toList());
    }

    /** A file (ISO-8859-1 bytes) → its JSON form; 422 with D findings when the form cannot hold it. */
    @POST
    @Path("decode")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode decode(byte[] file) throws Rejection {
        if (file == null || file.length == 0) {
            throw new Rejection(Rejection.Kind.ENVELOPE, "The request carries no file.");
        }
        ForsendelseJsonDecoder.Decoded decoded = ForsendelseJsonDecoder.decode(file);
        if (!decoded.complete()) {
            throw new Rejection(Rejection.Kind.CONTENT, "The file cannot be represented in the JSON form.",
                    decoded.problems());
        }
        return decoded.document();
    }

    @GET
    @Path("schema")
    @Produces(SCHEMA_JSON)
    public ObjectNode schema() {
        return SCHEMA;
    }

    private static List<Problem.FindingView> views(List<PointedFinding> findings) {
        return findings.stream().map(p -> Problem.FindingView.of(p.finding(), p.pointer())).toList();
    }
}
