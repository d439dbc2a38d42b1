package io.reportingsuite.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One {@link CertificateExpiryMetrics} per service, tagged with its application name. */
public class CertificateExpiryProducer {

    @Produces
    @Singleton
    CertificateExpiryMetrics certificateExpiryMetrics(MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        return new CertificateExpiryMetrics(registry, service);
    }
}
