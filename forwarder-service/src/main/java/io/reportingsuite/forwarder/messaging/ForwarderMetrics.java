package io.reportingsuite.forwarder.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reportingsuite.contracts.retur.PlatformFejl;
import java.util.EnumMap;
import java.util.Map;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * The forwarder's counters on {@code /q/metrics}. {@code forwarder_poison_messages_total} is the alert
 * metric: every increment is a message on its way to a dead-letter queue that a person must look at.
 * A {@code @Singleton} (no client proxy), so the counters are read as plain fields.
 */
@Singleton
public class ForwarderMetrics {

    final Counter sent;
    final Counter retried;
    final Counter windowExhausted;
    final Counter returns;
    final Counter statuses;
    final Counter poison;
    final Counter resent;
    private final Map<PlatformFejl, Counter> platformAdvice = new EnumMap<>(PlatformFejl.class);

    @Inject
    public ForwarderMetrics(MeterRegistry registry) {
        sent = Counter.builder("forwarder.forsendelser.sent").description("Forsendelser committed on EP_SK1")
                .register(registry);
        retried = Counter.builder("forwarder.forsendelser.retried")
                .description("Attempts rescheduled because SKAT's MQ was unreachable").register(registry);
        windowExhausted = Counter.builder("forwarder.forsendelser.window.exhausted")
                .description("Forsendelser given up after the retry window (platform fejladvisering 9001)")
                .register(registry);
        returns = Counter.builder("forwarder.returns.forwarded")
                .description("EP_SK3 documents published on eindkomst.retur and answered on EP_SK4").register(registry);
        statuses = Counter.builder("forwarder.statuses.tracked").description("EP_SK2 statuses reported on tracking")
                .register(registry);
        poison = Counter.builder("forwarder.poison.messages")
                .description("Messages that cannot be processed and go to a dead-letter queue (alert)")
                .register(registry);
        resent = Counter.builder("forwarder.forsendelser.resent")
                .description("Sends to EP_SK1 that SKAT's MQ dropped as duplicates: a forsendelse sent a second time")
                .register(registry);
        // the fejlnr the forwarder gives; 9003 (kvittering undeliverable) is not a forwarder failure
        for (PlatformFejl fejl : new PlatformFejl[] {PlatformFejl.MQ_UNAVAILABLE, PlatformFejl.INTERNAL_ERROR,
                PlatformFejl.NOT_DECODABLE}) {
            platformAdvice.put(fejl, Counter.builder("forwarder.platform.fejladvisering")
                    .description("Platform fejladviseringer (status *) published on eindkomst.retur, by fejlnr")
                    .tag("fejlnr", Integer.toString(fejl.fejlnr())).register(registry));
        }
    }

    Counter platformAdvice(PlatformFejl fejl) {
        return platformAdvice.get(fejl);
    }
}
