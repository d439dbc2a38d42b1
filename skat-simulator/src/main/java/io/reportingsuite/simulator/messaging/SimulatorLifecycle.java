package io.reportingsuite.simulator.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.simulator.config.SimulatorConfig;
import io.reportingsuite.skatmq.config.SkatMqQueues;
import io.reportingsuite.simulator.engine.SimulatorSettings;
import io.reportingsuite.simulator.engine.SkatSimulator;
import io.smallrye.common.annotation.Identifier;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;

/** Runs the plain-JMS {@link SkatSimulator} on the named connection {@code skat} for the application's life. */
@ApplicationScoped
public class SimulatorLifecycle {

    @Produces
    @Singleton
    SkatSimulator simulator(@Identifier("skat") ConnectionFactory factory, SimulatorConfig config,
                            SkatMqQueues q, OpenTelemetry openTelemetry) {
        SkatSimulator simulator = new SkatSimulator(factory, new SimulatorSettings(q.indberetningData(), q.indberetningStatus(),
                q.returData(), q.returStatus(), config.answerDelay(), config.consumers(), config.ledgerSize()),
                Clock.systemUTC());
        simulator.tracing(openTelemetry);
        return simulator;
    }

    void start(@Observes StartupEvent event, SkatSimulator simulator) {
        simulator.start();
    }

    void stop(@Observes ShutdownEvent event, SkatSimulator simulator) {
        simulator.close();
    }
}
