package io.reportingsuite.ingest.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON form of a submission.
 *
 * @param hovedIndberetningId A/B + 15 letters or digits
 * @param indberetning        the forsendelse's bytes (ISO-8859-1 records), Base64
 */
// Native image: bound by ObjectMapper.treeToValue (the resource takes a JsonNode).
@RegisterForReflection
public record IndberetningRequest(String hovedIndberetningId, String indberetning) {
}
