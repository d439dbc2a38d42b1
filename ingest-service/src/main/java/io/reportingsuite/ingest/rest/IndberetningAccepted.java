package io.reportingsuite.ingest.rest;

import java.time.Instant;

/**
 * The 202 body: what was accepted and where to follow it.
 *
 * @param records       lines of the forwarded file, 1000 and 9999 included
 * @param contentSha256 lower-case hex SHA-256 of the forwarded file (for a structured submission: of the file
 *                      the platform encoded)
 */
public record IndberetningAccepted(String hovedIndberetningId, String status, Instant receivedAt, long records,
                                   long warnings, String contentSha256, String tracking) {

    static IndberetningAccepted of(io.reportingsuite.ingest.service.Accepted a) {
        return new IndberetningAccepted(a.hovedIndberetningId(), "ACCEPTED", a.receivedAt(), a.records(),
                a.warnings(), a.contentSha256(), a.trackingPath());
    }
}
