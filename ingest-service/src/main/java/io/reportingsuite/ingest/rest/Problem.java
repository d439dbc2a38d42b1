package io.reportingsuite.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reportingsuite.contracts.finding.Finding;
import java.util.List;
import java.util.function.Function;

/**
 * RFC 9457 problem details with the validator's findings (the same values as the SOAP fault detail).
 *
 * @param type     {@code urn:reportingsuite:problem:<kind>}
 * @param findings every finding; each names line, record, field and rule, never a value
 */
// Native image: the entity of a Response built by RejectionMapper (not in a resource signature).
@RegisterForReflection(registerFullHierarchy = true)
public record Problem(String type, String title, int status, String detail, List<FindingView> findings) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * A {@link Finding} as JSON.
     *
     * @param jsonPointer for a structured submission, where in the submitted document the finding belongs
     *                    (RFC 6901; it always resolves: the property, or its object when the property was
     *                    absent, or {@code ""}); left out for file submissions
     */
    public record FindingView(String rule, String severity, long line, String recordType, int field,
                              String fieldName, String message,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String jsonPointer) {

        static FindingView of(Finding f, String jsonPointer) {
            return new FindingView(f.rule(), f.severity().name(), f.line(), f.recordType(), f.field(),
                    f.fieldName(), f.message(), jsonPointer);
        }
    }

    public static Problem of(String kind, String title, int status, String detail, List<Finding> findings) {
        return of(kind, title, status, detail, findings, f -> null);
    }

    public static Problem of(String kind, String title, int status, String detail, List<Finding> findings,
                             Function<Finding, String> pointers) {
        return new Problem("urn:reportingsuite:problem:" + kind, title, status, detail,
                findings.stream().map(f -> FindingView.of(f, pointers.apply(f))).toList());
    }
}
