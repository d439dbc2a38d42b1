package io.reportingsuite.ingest.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A forsendelse's track-and-trace: its current state, counts and timeline. Never payload or CPR.
 *
 * @param state    the latest step of the timeline (e.g. QUEUED, SENT_TO_SKAT), or the stored state
 * @param timeline every reported step in the order it happened
 */
public record TrackingView(String hovedIndberetningId, String system, String channel, String state,
                           Instant receivedAt, Long records, Long errors, Long warnings, List<Step> timeline) {

    /** One reported step. */
    public record Step(String step, String service, Instant at, Map<String, String> attributes) {
    }
}
