package io.reportingsuite.simulator.engine;

import java.time.Instant;

/**
 * One forsendelse as the simulator saw it, for the admin list: ids, size, counts and a hash, never payload.
 *
 * @param hovedIndberetningId record 1000 field 12 (empty when unreadable)
 * @param jmsMessageId        the EP_SK1 message id
 * @param bytes               body size
 * @param records             lines in the body
 * @param sha256              lower-case hex SHA-256 of the body: shows it arrived byte-identical
 * @param status              the EP_SK2 status sent
 * @param documents           EP_SK3 documents sent for it
 * @param duplicate           whether it was answered as "already received"
 * @param receivedAt          when it was taken
 */
public record Received(String hovedIndberetningId, String jmsMessageId, long bytes, long records, String sha256,
                       String status, int documents, boolean duplicate, Instant receivedAt) {
}
