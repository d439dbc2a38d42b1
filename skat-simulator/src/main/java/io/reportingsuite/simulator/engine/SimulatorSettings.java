package io.reportingsuite.simulator.engine;

import java.time.Duration;

/**
 * What the simulator's JMS side needs to know.
 *
 * @param dataQueue         EP_SK1, read
 * @param statusQueue       EP_SK2, written: one status per EP_SK1 message
 * @param returnDataQueue   EP_SK3, written: sumkvittering, fejladvisering, skattekort
 * @param returnStatusQueue EP_SK4, read: the platform's status per EP_SK3 message
 * @param answerDelay       how long after the EP_SK2 status the EP_SK3 documents become visible
 * @param consumers         parallel EP_SK1 consumers
 * @param ledgerSize        how many received forsendelser the admin list keeps
 */
public record SimulatorSettings(String dataQueue, String statusQueue, String returnDataQueue,
                                String returnStatusQueue, Duration answerDelay, int consumers, int ledgerSize) {
}
