package io.reportingsuite.ingest.styret;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.retention.RetentionArea;
import io.reportingsuite.support.retention.RetentionJob;
import io.reportingsuite.support.retention.RetentionWarnings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Retention of the Styret SFTP areas with service-support's {@link RetentionJob} (the implementation
 * receipt-service uses): each case system's upload area (the system is warned through its port) and the
 * platform folder {@code SP_STYRETSFTP_SKAT_IndkomstIndberet} (operators: log only), settings {@code
 * ingest.retention.*}, daily at {@code ingest.retention.cron}. Warning ports: SMTP, HTTP, LOG (SOAP {@code
 * NotifyRetention} is receipt-service's client; a system configured for it stops ingest's start with a message
 * naming the key).
 */
@ApplicationScoped
public class StyretRetention {

    @Produces
    @Singleton
    @Startup
    RetentionWarnings warnings(CaseSystemRegistry registry, IngestConfig config, Mailer mailer) {
        return new RetentionWarnings(registry, "ingest.retention", config.retention().warningChannel(), mailer,
                Optional.empty(), new RetentionWarnings.Wording("Uploaded files in the Styret SFTP upload area",
                        "unless they are notified or deleted before then"));
    }

    @Produces
    @Singleton
    RetentionJob job(CaseSystemRegistry registry, StyretAreas areas, RetentionWarnings warnings,
                     AgroalDataSource dataSource, MeterRegistry metrics, IngestConfig config, Clock clock) {
        return new RetentionJob(() -> {
            List<RetentionArea> all = new ArrayList<>();
            registry.all().forEach(system -> all.add(RetentionArea.of(system, areas.uploadArea(system))));
            all.add(RetentionArea.operators(StyretAreas.PLATFORM_USER, areas.platformFolder()));
            return all;
        }, config.retention(), warnings, dataSource, metrics, "ingest", clock);
    }

    /** The daily run. */
    @ApplicationScoped
    static class Daily {

        private final RetentionJob job;

        Daily(RetentionJob job) {
            this.job = job;
        }

        @Scheduled(cron = "${ingest.retention.cron:0 45 2 * * ?}",
                concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
        void run() throws IOException, SQLException {
            job.run();
        }
    }
}
