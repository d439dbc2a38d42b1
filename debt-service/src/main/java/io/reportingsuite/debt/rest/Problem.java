package io.reportingsuite.debt.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem body; {@code pointer} names the refused parameter or JSON field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: the entity of a Response (not in a resource signature, so Quarkus REST does not register it).
@RegisterForReflection
public record Problem(String title, int status, String detail, String pointer) {
}
