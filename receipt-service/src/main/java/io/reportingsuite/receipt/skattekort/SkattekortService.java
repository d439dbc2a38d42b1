package io.reportingsuite.receipt.skattekort;

import io.micrometer.core.instrument.MeterRegistry;
import io.reportingsuite.contracts.messaging.MessageProperties;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.skattekort.Skattekort;
import io.reportingsuite.contracts.skattekort.SkattekortReadResult;
import io.reportingsuite.contracts.skattekort.SkattekortReader;
import io.reportingsuite.contracts.skattekort.SkattekortWriter;
import io.reportingsuite.receipt.config.ReceiptAreas;
import io.reportingsuite.receipt.config.ReceiptConfig;
import io.reportingsuite.receipt.returfile.AtomicFileWriter;
import io.reportingsuite.receipt.returfile.ReturDocument;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.messaging.SettledSend;
import io.reportingsuite.support.tracking.TrackingPublisher;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * EP_FS4 (SPEC §2.6): splits a skattekort forsendelse into one Beskedfordeler message per card, each in a
 * {@code Haendelsesbesked} addressed to the kommune whose SE number the card carries (its CVR from the
 * registry: TilladtModtager and ObjektAnsvarligMyndighed), published durable to the Beskedfordeler address of
 * the case system that SE is registered for. Solicited and unsolicited cards take the same path. A card is published at most once: its
 * BeskedId is derived from SKAT's message id and the card's position, we record each published BeskedId,
 * and the broker drops a resend with the same {@code _AMQ_DUPL_ID}. A card whose SE is no registered kommune
 * SE (unknown, or an Indberetter SE) is parked in quarantine with an alert, never sent to some other kommune.
 */
@ApplicationScoped
public class SkattekortService {

    private static final Logger LOG = Logger.getLogger(SkattekortService.class);

    private final SkattekortReader reader = new SkattekortReader();
    private final HaendelsesbeskedWriter envelopes = new HaendelsesbeskedWriter();
    private final Emitter<byte[]> beskedfordeler;
    private final CaseSystemRegistry registry;
    private final ReceiptAreas areas;
    private final SkattekortLog log;
    private final TrackingPublisher tracking;
    private final MeterRegistry metrics;
    private final ReceiptConfig config;
    private final Clock clock;

    public SkattekortService(@Channel("beskedfordeler-out") Emitter<byte[]> beskedfordeler,
                             CaseSystemRegistry registry, ReceiptAreas areas, SkattekortLog log, TrackingPublisher tracking,
                             MeterRegistry metrics, ReceiptConfig config, Clock clock) {
        this.beskedfordeler = beskedfordeler;
        this.registry = registry;
        this.areas = areas;
        this.log = log;
        this.tracking = tracking;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    public void accept(ReturDocument document) throws SQLException, IOException {
        SkattekortReadResult read = reader.read(document.body());
        if (read.hasErrors()) {
            // Findings name lines and elements, never values: safe to count, not needed in the log.
            throw new IllegalArgumentException("The skattekort document is not valid (" + read.findings().size()
                    + " findings).");
        }
        List<Skattekort> cards = read.skattekort();
        int published = 0;
        for (int i = 0; i < cards.size(); i++) {
            int position = i + 1;
            UUID beskedId = BeskedIds.beskedId(document.skatMessageId(), position);
            if (log.published(beskedId)) {
                continue;
            }
            Skattekort card = cards.get(i);
            Optional<CaseSystemRegistry.Kommune> kommune = registry.kommune(card.abonnentSENummer());
            if (kommune.isEmpty()) {
                quarantine(document, beskedId, card);
                continue;
            }
            RegisteredSystem system = kommune.get().system();
            publish(kommune.get(), beskedId, card);
            log.record(beskedId, document.skatMessageId(), position, system.name(), clock.instant());
            metrics.counter("receipt.skattekort.published", "system", system.name()).increment();
            published++;
            if (document.hovedIndberetningId() != null) {
                tracking.publish(document.hovedIndberetningId(), TrackingStep.SKATTEKORT_DELIVERED,
                        Map.of("beskedId", beskedId.toString(), "caseSystem", system.name(),
                                "position", Integer.toString(position)))
                        .exceptionally(failure -> null);
            }
        }
        LOG.infof("skattekort message %s: %d cards, %d published now", document.skatMessageId(), cards.size(),
                published);
    }

    private void publish(CaseSystemRegistry.Kommune kommune, UUID beskedId, Skattekort card) {
        RegisteredSystem system = kommune.system();
        ReceiptConfig.Beskedfordeler b = config.beskedfordeler();
        byte[] body = envelopes.write(new HaendelsesbeskedWriter.Envelope(beskedId,
                BeskedIds.nameBased(beskedId, "ObjektRegistrering"), b.beskedtype(), b.afsenderAktoer(),
                kommune.cvr(), b.personObjekttype(), b.objekthandling(), b.sikkerhedsklassificering(),
                clock.instant()), card);
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withAddress(system.beskedfordelerAddress())
                .withDurable(true)
                .withContentType("application/xml")
                .withMessageId(beskedId.toString())
                .withApplicationProperty(MessageProperties.DUPLICATE_ID, beskedId.toString())
                .withApplicationProperty("BeskedId", beskedId.toString())
                .withApplicationProperty(MessageProperties.SYSTEM, system.name())
                .build();
        try {
            SettledSend.send(beskedfordeler, body, metadata).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing a skattekort.", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not accept skattekort message " + beskedId + ".", e);
        }
    }

    private void quarantine(ReturDocument document, UUID beskedId, Skattekort card) throws IOException {
        AtomicFileWriter.write(areas.quarantine(), "SKATTEKORT_" + beskedId + ".xml",
                new SkattekortWriter().write(card));
        metrics.counter("receipt.skattekort.quarantined").increment();
        LOG.errorf("ALERT skattekort %s of message %s has a subscriber SE that is no registered kommune SE; "
                + "parked in quarantine", beskedId, document.skatMessageId());
    }
}
