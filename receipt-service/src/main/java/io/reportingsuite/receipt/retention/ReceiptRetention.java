package io.reportingsuite.receipt.retention;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.reportingsuite.receipt.config.ReceiptAreas;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.notification.CaseSystemNotifier;
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
 * receipt-service's retention (service-support's {@link RetentionJob} and {@link RetentionWarnings}, SPEC §2.4
 * housekeeping): each case system's return-file folder and the quarantine, settings {@code receipt.retention.*},
 * all four warning ports (SOAP through the case-system notification client), daily at {@code
 * receipt.retention.cron}.
 */
@ApplicationScoped
public class ReceiptRetention {

    @Produces
    @Singleton
    @Startup
    RetentionWarnings warnings(CaseSystemRegistry registry, ReceiptConfig config, Mailer mailer,
                               CaseSystemNotifier soap) {
        return new RetentionWarnings(registry, "receipt.retention", config.retention().warningChannel(), mailer,
                Optional.of(soap::notifyRetention), new RetentionWarnings.Wording("Return files in the SFTP folder",
                        "unless they are fetched and removed before then"));
    }

    @Produces
    @Singleton
    RetentionJob job(CaseSystemRegistry registry, ReceiptAreas areas, RetentionWarnings warnings,
                     AgroalDataSource dataSource, MeterRegistry metrics, ReceiptConfig config, Clock clock) {
        return new RetentionJob(() -> {
            List<RetentionArea> all = new ArrayList<>();
            registry.all().forEach(system -> all.add(RetentionArea.of(system, areas.folderOf(system))));
            all.add(RetentionArea.operators("quarantine", areas.quarantine()));
            return all;
        }, config.retention(), warnings, dataSource, metrics, "receipt", clock);
    }

    /** The daily run. */
    @ApplicationScoped
    static class Daily {

        private final RetentionJob job;

        Daily(RetentionJob job) {
            this.job = job;
        }

        @Scheduled(cron = "${receipt.retention.cron:0 30 2 * * ?}",
                concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
        void run() throws IOException, SQLException {
            job.run();
        }
    }
}
