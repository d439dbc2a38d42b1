package io.reportingsuite.ingest.store;

import java.time.Instant;

/**
 * The facts kept about one forsendelse, without its payload (which only the repository and the publisher
 * touch). Safe to log and to show: no personal data.
 */
public record Forsendelse(String hovedIndberetningId, String contentSha256, String system, String channel,
                          String seNummer, long sizeBytes, long records, long errors, long warnings,
                          Instant receivedAt, Instant queuedAt, State state) {

    public enum State {
        /** Committed in the database; the durable hand-off to the broker is not confirmed yet. */
        RECEIVED,
        /** The broker settled the durable message on eindkomst.forsendelser. */
        QUEUED,
        /**
         * A Styret SFTP file refused after it was stored (validation findings; the case system got a negative
         * kvittering). Never forwarded; the same bytes again get the same answer, other bytes are no conflict.
         */
        REFUSED
    }
}
