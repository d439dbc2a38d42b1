package io.reportingsuite.contracts.messaging;

/**
 * The steps of a forsendelse's life that services report on {@link Addresses#TRACKING}
 * (ARCHITECTURE §2), in the order they normally happen.
 */
public enum TrackingStep {
    RECEIVED,
    /** Styret SFTP (EP_FS2): validation of a stored file is under way; {@code records} = lines checked so far. */
    VALIDATING,
    VALIDATED,
    REJECTED,
    /** Styret SFTP (EP_FS2): the case system's kvittering service took the TechnicalReceipt. */
    KVITTERING_DELIVERED,
    QUEUED,
    SENT_TO_SKAT,
    SKAT_STATUS,
    RETURN_RECEIVED,
    RETURN_FILE_WRITTEN,
    CASE_SYSTEM_NOTIFIED,
    SKATTEKORT_DELIVERED,
    FAILED
}
