package io.reportingsuite.ingest.rest;

/**
 * The JSON form of a submission.
 *
 * @param hovedIndberetningId A/B + 15 letters or digits
 * @param indberetning        the forsendelse's bytes (ISO-8859-1 records), Base64
 */
public record IndberetningRequest(String hovedIndberetningId, String indberetning) {
}
