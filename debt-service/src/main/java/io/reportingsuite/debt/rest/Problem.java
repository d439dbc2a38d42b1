package io.reportingsuite.debt.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem body; {@code pointer} names the refused parameter or JSON field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String title, int status, String detail, String pointer) {
}
