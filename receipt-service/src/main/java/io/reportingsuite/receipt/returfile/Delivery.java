package io.reportingsuite.receipt.returfile;

import java.time.Instant;
import java.util.UUID;

/** A row of the delivery log: one return file and the state of its notification. */
public record Delivery(String deliveryKey, String hovedIndberetningId, String forsendelseType, String caseSystem,
                       String fileName, Long sizeBytes, State state, UUID fileTransferUuid, int attempts,
                       Instant nextAttemptAt) {

    public enum State {
        /** The row is there, the file may not be yet: a redelivery rewrites it under the same name. */
        WRITING,
        /** The file is in the case system's folder; the notification is due at nextAttemptAt. */
        PENDING,
        /** The case system acknowledged the notification. */
        DELIVERED,
        /** No case system claims the prefix: parked in quarantine, nobody is notified. */
        QUARANTINED
    }
}
