package io.reportingsuite.ingest.service;

import io.reportingsuite.contracts.finding.Finding;
import java.util.List;

/**
 * Why a submission was not accepted, as a value both channels translate: REST into problem+json with the
 * HTTP status of {@link Kind}, SOAP into a fault whose detail lists the same findings. The message is a
 * fixed sentence; neither it nor the findings contain anything from the payload.
 */
public final class Rejection extends Exception {

    /** The families of refusal, each with its HTTP status (issue 3, SPEC §2.3). */
    public enum Kind {
        ENVELOPE(400),
        SECURITY(403),
        CONTENT(422),
        CONFLICT(409),
        TOO_LARGE(413),
        /** Certain: nothing was stored or queued (database or broker unreachable before the hand-off). */
        UNAVAILABLE(503),
        /**
         * Uncertain: the forsendelse is stored and was handed to the broker, which did not confirm it in time. It
         * may still be delivered; an exact resend (same HovedIndberetningID, same content) is safe and is
         * delivered at most once (it waits for the unsettled send, or the broker drops the duplicate), and is how
         * the caller learns the outcome.
         */
        NOT_CONFIRMED(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final transient List<Finding> findings;

    public Rejection(Kind kind, String message, List<Finding> findings) {
        super(message, null, false, false);
        this.kind = kind;
        this.findings = List.copyOf(findings);
    }

    public Rejection(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public List<Finding> findings() {
        return findings;
    }
}
