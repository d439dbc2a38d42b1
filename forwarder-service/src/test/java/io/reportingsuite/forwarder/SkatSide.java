package io.reportingsuite.forwarder;

import io.reportingsuite.contracts.skatmq.SkatMq;
import io.reportingsuite.devstack.test.SharedDevStack;
import io.reportingsuite.simulator.engine.SimulatorSettings;
import io.reportingsuite.simulator.engine.SkatSimulator;
import java.time.Clock;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * SKAT for the forwarder's tests: the skat-simulator's own engine (the same classes the simulator
 * application runs) attached to devstack's SKAT MQ, answering at once. One per test JVM.
 */
final class SkatSide {

    private static SkatSimulator simulator;

    private SkatSide() {
    }

    static synchronized SkatSimulator simulator() {
        if (simulator == null) {
            simulator = new SkatSimulator(new ActiveMQConnectionFactory(SharedDevStack.get().skatBroker().url()),
                    new SimulatorSettings(SkatMq.EP_SK1_DEFAULT, SkatMq.EP_SK2_DEFAULT, SkatMq.EP_SK3_DEFAULT,
                            SkatMq.EP_SK4_DEFAULT, Duration.ZERO, 2, 100_000), Clock.systemUTC());
            simulator.start();
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        }
        return simulator;
    }
}
