package io.reportingsuite.ingest.styret;

/**
 * A notification (SOAP call or trigger file) the platform refuses, with a stable reason code per check of
 * SPEC §2.4 (file missing, size mismatch, wrong sender, ...) and a message that names the field and rule. The
 * message never contains file contents.
 */
public class TriggerRefused extends RuntimeException {

    private final String reason;

    public TriggerRefused(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Stable machine-readable reason, e.g. {@code FILE_NOT_FOUND}, {@code SIZE_MISMATCH}. */
    public String reason() {
        return reason;
    }
}
