package io.reportingsuite.debt.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a part of a request was refused, in a sentence without its values, and where: a JSON pointer into a
 * JSON request, or the line (1 = the header) and column of a CSV import.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Refusal(String pointer, String reason, Integer line, String column) {

    public Refusal(String pointer, String reason) {
        this(pointer, reason, null, null);
    }

    /** A refusal in a CSV import; {@code line} null when it is not about one line (a query parameter). */
    public static Refusal atCell(Integer line, String column, String reason) {
        return new Refusal(null, reason, line, column);
    }
}
