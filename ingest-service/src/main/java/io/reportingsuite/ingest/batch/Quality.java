package io.reportingsuite.ingest.batch;

/**
 * The quality in which a batch channel's owner sends (SPEC §5.0, seed 001 §2–§4). At most one channel per
 * quality per enterprise.
 */
public enum Quality {
    /** An employer (NOSS employer): submits only for itself. */
    EMPLOYER,
    /** A social secretariat: submits for an employer only under an active mandate for the service. */
    SOCIAL_SECRETARIAT,
    /** A service provider: submits for an employer only under an active mandate for the service. */
    SERVICE_PROVIDER,
    /** A training provider: submits in its own name, no mandate needed. */
    TRAINING_PROVIDER;

    /** Whether a submission for another company than the channel's own needs an active mandate. */
    public boolean representsOthers() {
        return this == SOCIAL_SECRETARIAT || this == SERVICE_PROVIDER;
    }
}
