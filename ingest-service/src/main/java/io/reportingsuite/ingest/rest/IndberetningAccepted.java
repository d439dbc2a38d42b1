package io.reportingsuite.ingest.rest;

import java.time.Instant;

/** The 202 body: what was accepted and where to follow it. */
public record IndberetningAccepted(String hovedIndberetningId, String status, Instant receivedAt, long records,
                                   long warnings, String tracking) {
}
