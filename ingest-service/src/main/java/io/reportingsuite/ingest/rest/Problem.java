package io.reportingsuite.ingest.rest;

import io.reportingsuite.contracts.finding.Finding;
import java.util.List;

/**
 * RFC 9457 problem details with the validator's findings (the same values as the SOAP fault detail).
 *
 * @param type     {@code urn:reportingsuite:problem:<kind>}
 * @param findings every finding; each names line, record, field and rule, never a value
 */
public record Problem(String type, String title, int status, String detail, List<FindingView> findings) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A {@link Finding} as JSON. */
    public record FindingView(String rule, String severity, long line, String recordType, int field,
                              String fieldName, String message) {

        static FindingView of(Finding f) {
            return new FindingView(f.rule(), f.severity().name(), f.line(), f.recordType(), f.field(),
                    f.fieldName(), f.message());
        }
    }

    public static Problem of(String kind, String title, int status, String detail, List<Finding> findings) {
        return new Problem("urn:reportingsuite:problem:" + kind, title, status, detail,
                findings.stream().map(FindingView::of).toList());
    }
}
