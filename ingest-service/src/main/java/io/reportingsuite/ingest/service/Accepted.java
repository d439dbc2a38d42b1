package io.reportingsuite.ingest.service;

import java.time.Instant;

/**
 * The answer to an accepted submission; an exact resend gets the same answer as the first call.
 *
 * @param contentSha256 lower-case hex SHA-256 of the forwarded file
 * @param repeated      true when this id and content had been accepted before and nothing new was forwarded
 */
public record Accepted(String hovedIndberetningId, Instant receivedAt, long records, long warnings,
                       String contentSha256, String trackingPath, boolean repeated) {
}
