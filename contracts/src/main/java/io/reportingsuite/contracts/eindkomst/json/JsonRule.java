package io.reportingsuite.contracts.eindkomst.json;

/**
 * Rules of the JSON form: J for encoding (JSON → file), D for decoding (file → JSON). The summary is the
 * finding's message and never names a value.
 */
public enum JsonRule {
    J01("The value has the wrong JSON type or shape for this place (object, array, string or integer expected)."),
    J02("The property is not part of the eIndkomst JSON model."),
    J03("The value cannot be written into its field (too long, not digits, negative, a control character or a"
            + " character outside ISO-8859-1)."),
    J04("The value is not an ISO date (yyyy-MM-dd) or time (HH:mm:ss)."),
    D01("The line cannot be read as a known record of its length."),
    D02("The record stands where the JSON model has no place for it."),
    D03("The field's content cannot be represented in the JSON model.");

    private final String summary;

    JsonRule(String summary) {
        this.summary = summary;
    }

    public String code() {
        return name();
    }

    public String summary() {
        return summary;
    }
}
