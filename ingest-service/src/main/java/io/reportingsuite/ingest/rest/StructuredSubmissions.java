package io.reportingsuite.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonEncoder;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel;
import io.reportingsuite.contracts.eindkomst.json.PointedFinding;
import io.reportingsuite.contracts.eindkomst.json.SourceMap;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.ingest.service.Rejection;
import io.reportingsuite.ingest.service.Submission;
import io.reportingsuite.ingest.service.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A structured forsendelse (the JSON form of contracts' {@code ForsendelseJsonModel}) submitted on
 * {@code POST /api/v1/indberetninger}: encoded into the fixed-record file, then handed to the one
 * {@link SubmissionService#submit} path every channel uses (validation, storage, hand-off). A refusal lists
 * every finding with its JSON pointer as well as line, record and field of the encoded file.
 */
@ApplicationScoped
public class StructuredSubmissions {

    static final String ID_POINTER = "/" + ForsendelseJsonModel.INDBERETTER + "/"
            + ForsendelseJsonModel.R1000.propertyOf(12).name();

    private final SubmissionService submissions;
    private final RejectionMapper problems;

    public StructuredSubmissions(SubmissionService submissions, RejectionMapper problems) {
        this.submissions = submissions;
        this.problems = problems;
    }

    /** A JSON body is a structured forsendelse when it has an {@code indberetter}. */
    static boolean isStructured(JsonNode body) {
        return body.isObject() && body.has(ForsendelseJsonModel.INDBERETTER);
    }

    Response submit(String caller, JsonNode document) {
        ForsendelseJsonEncoder.Encoded encoded = ForsendelseJsonEncoder.encode(document);
        if (!encoded.written()) {
            Map<Finding, String> pointers = new IdentityHashMap<>();
            for (PointedFinding p : encoded.problems()) {
                pointers.put(p.finding(), p.pointer());
            }
            return problems.toResponse(new Rejection(Rejection.Kind.CONTENT,
                    "The structured forsendelse cannot be encoded.",
                    encoded.problems().stream().map(PointedFinding::finding).toList()), pointers::get);
        }
        try {
            return IndberetningResource.accepted(submissions.submit(new Submission(hovedIndberetningId(document),
                    encoded.file(), Submission.Channel.REST, caller)));
        } catch (Rejection r) {
            return problems.toResponse(r, pointers(document, encoded.sourceMap()));
        }
    }

    static String hovedIndberetningId(JsonNode document) {
        JsonNode id = document.at(ID_POINTER);
        return id.isTextual() ? id.textValue() : null;
    }

    /**
     * Findings about the encoded file through the encoder's source map; the request-level findings about the
     * HovedIndberetningID (line 0) point at record 1000's field.
     */
    static Function<Finding, String> pointers(JsonNode document, SourceMap map) {
        return f -> {
            if (f.line() == 0 && "HovedIndberetningID".equals(f.fieldName())) {
                return document.at(ID_POINTER).isMissingNode() ? "/" + ForsendelseJsonModel.INDBERETTER : ID_POINTER;
            }
            return map.pointer(f);
        };
    }
}
