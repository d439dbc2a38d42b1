package io.reportingsuite.contracts.finding;

import java.util.Objects;

/**
 * One problem found in an input, as a value. The same object feeds the SOAP fault detail, the HTTP
 * problem+json body, the fejladvisering record and the log line, so it must never carry personal data:
 * the message names the field and the rule, never the field's value.
 *
 * @param rule       stable rule code, e.g. {@code E03} or {@code F-CPR}
 * @param severity   error or warning
 * @param line       1-based line (record) number in the input, 0 when the finding is not about a line
 * @param recordType record type such as {@code 6000}, or {@code null} when not known
 * @param field      field number within the record (or element number of a file name), 0 when none
 * @param fieldName  field name as in the official documents, or {@code null}
 * @param message    one clear English sentence without any value from the input
 */
public record Finding(String rule, Severity severity, long line, String recordType, int field,
                      String fieldName, String message) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String rule, long line, String recordType, int field, String fieldName,
                                String message) {
        return new Finding(rule, Severity.ERROR, line, recordType, field, fieldName, message);
    }

    public static Finding warning(String rule, long line, String recordType, int field, String fieldName,
                                  String message) {
        return new Finding(rule, Severity.WARNING, line, recordType, field, fieldName, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code line N, record R, field F (name): message [RULE]}, leaving out the parts that are unknown. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line);
        }
        if (recordType != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("record ").append(recordType);
        }
        if (field > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("field ").append(field);
            if (fieldName != null) {
                sb.append(" (").append(fieldName).append(')');
            }
        }
        if (!sb.isEmpty()) {
            sb.append(": ");
        }
        sb.append(message).append(" [").append(rule).append(']');
        if (severity == Severity.WARNING) {
            sb.append(" (warning)");
        }
        return sb.toString();
    }
}
