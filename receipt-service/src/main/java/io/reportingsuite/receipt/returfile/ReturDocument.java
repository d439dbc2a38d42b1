package io.reportingsuite.receipt.returfile;

import io.reportingsuite.contracts.messaging.ForsendelseType;

/**
 * One return document taken from {@code eindkomst.retur}: the raw bytes and the technical properties of
 * the message. Never logged whole: the body may hold CPR numbers.
 *
 * @param deliveryKey         stable across redeliveries: SKAT's message id, else the duplicate id
 * @param hovedIndberetningId null for an unsolicited skattekort
 * @param system              the case system when the producer knew it, else null
 */
public record ReturDocument(String deliveryKey, ForsendelseType type, String hovedIndberetningId,
                            String seNummer, String system, String skatMessageId, byte[] body) {

    @Override
    public String toString() {
        return "ReturDocument[" + type + ", " + hovedIndberetningId + ", key=" + deliveryKey + ", "
                + body.length + " bytes]";
    }
}
