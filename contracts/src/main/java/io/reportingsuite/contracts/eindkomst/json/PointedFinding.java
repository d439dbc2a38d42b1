package io.reportingsuite.contracts.eindkomst.json;

import io.reportingsuite.contracts.finding.Finding;

/**
 * A finding about an encoded file together with the place in the JSON document it came from.
 *
 * @param pointer RFC 6901 JSON pointer that resolves in the submitted document: the property the field came
 *                from, or the enclosing object when the property was absent, or {@code ""} (the document)
 *                for what the encoder computed (Lb_nr aside, record 9999) and whole-file findings
 */
public record PointedFinding(Finding finding, String pointer) {
}
