package io.reportingsuite.contracts.batch;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the FI parts, their FS signatures and the GO file of one transmission have in common: elements
 * 2 to 6 of their names. Contains no personal data, so it may be logged.
 */
public record TransmissionId(String purpose, String sender, LocalDate creationDate, String sequence,
                             Environment environment) {

    public TransmissionId {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(environment, "environment");
    }

    /** Elements 2 to 6 as in the file names, e.g. {@code DMFA.006400.20070423.00001.R}. */
    @Override
    public String toString() {
        return purpose + '.' + sender + '.' + BatchFileName.DATE.format(creationDate) + '.' + sequence + '.'
                + environment;
    }
}
