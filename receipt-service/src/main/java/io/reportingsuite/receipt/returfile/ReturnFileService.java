package io.reportingsuite.receipt.returfile;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.reportingsuite.contracts.messaging.ForsendelseType;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.ReturFileName;
import io.reportingsuite.contracts.retur.Startrecord;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.reportingsuite.receipt.config.ReceiptAreas;
import io.reportingsuite.receipt.notification.NotificationDispatcher;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.tracking.TrackingPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * EP_FS3: puts a sumkvittering or fejladvisering into the folder of the case system its HovedIndberetningID
 * prefix names (SPEC §2.5), byte for byte, and queues the notification in the delivery log. A document no
 * registered system claims goes to quarantine with an alert metric, never to another system.
 *
 * <p>Order of work, so that a crash anywhere neither loses nor doubles a file: the delivery-log row (with
 * the file name) is committed first; the file is written atomically under that name; the row then becomes
 * PENDING. A redelivered message finds the row and, if the file was not finished, rewrites the same name.
 */
@ApplicationScoped
public class ReturnFileService {

    private static final Logger LOG = Logger.getLogger(ReturnFileService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final CaseSystemRegistry registry;
    private final ReceiptAreas areas;
    private final DeliveryLog log;
    private final TrackingPublisher tracking;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final NotificationDispatcher notifications;

    public ReturnFileService(CaseSystemRegistry registry, ReceiptAreas areas, DeliveryLog log, TrackingPublisher tracking,
                             MeterRegistry metrics, Clock clock, NotificationDispatcher notifications) {
        this.registry = registry;
        this.areas = areas;
        this.log = log;
        this.tracking = tracking;
        this.metrics = metrics;
        this.clock = clock;
        this.notifications = notifications;
    }

    public void accept(ReturDocument document) throws IOException, SQLException {
        Optional<Delivery> existing = log.find(document.deliveryKey());
        if (existing.isPresent() && existing.get().state() != Delivery.State.WRITING) {
            LOG.infof("return document %s for %s already handled (%s)", document.deliveryKey(),
                    existing.get().hovedIndberetningId(), existing.get().state());
            return;
        }
        Startrecord start = startOf(document);
        String id = start != null ? start.hovedIndberetningId() : document.hovedIndberetningId();
        String quarantineReason = quarantineReason(document, start);
        Optional<RegisteredSystem> system = quarantineReason == null
                ? registry.byHovedIndberetningId(id) : Optional.empty();
        if (quarantineReason == null && system.isEmpty()) {
            quarantineReason = "unknown-prefix";
        }
        ReturFileName.Type type = document.type() == ForsendelseType.SUMKVITTERING
                ? ReturFileName.Type.SUMKVIT : ReturFileName.Type.FEJLADV;
        Instant now = clock.instant();
        Delivery row = existing.orElseGet(() -> new Delivery(document.deliveryKey(), safeId(id),
                document.type().name(), system.map(RegisteredSystem::name).orElse(null),
                fileName(id, type, now, system.isPresent()), null, Delivery.State.WRITING, UUID.randomUUID(), 0,
                now));
        if (existing.isEmpty()) {
            log.insertWriting(row, now, traceparent());
            row = log.find(document.deliveryKey()).orElseThrow();
        }
        Path folder = system.map(areas::folderOf).orElse(areas.quarantine());
        AtomicFileWriter.write(folder, row.fileName(), document.body());
        if (system.isPresent()) {
            log.markWritten(row.deliveryKey(), document.body().length, Delivery.State.PENDING, clock.instant());
            notifications.wake();
            metrics.counter("receipt.return.files", "type", type.name(), "system", system.get().name()).increment();
            LOG.infof("return file %s written for %s (%d bytes)", row.fileName(), system.get().name(),
                    document.body().length);
            report(row.hovedIndberetningId(), TrackingStep.RETURN_FILE_WRITTEN, Map.of("fileName", row.fileName(),
                    "caseSystem", system.get().name(), "sizeBytes", Integer.toString(document.body().length)));
        } else {
            log.markWritten(row.deliveryKey(), document.body().length, Delivery.State.QUARANTINED, clock.instant());
            metrics.counter("receipt.return.quarantined", "reason", quarantineReason).increment();
            LOG.errorf("ALERT return document %s for %s quarantined (%s) as %s", document.deliveryKey(),
                    row.hovedIndberetningId(), quarantineReason, row.fileName());
            report(row.hovedIndberetningId(), TrackingStep.FAILED, Map.of("reason", "return-file-quarantined",
                    "detail", quarantineReason, "fileName", row.fileName()));
        }
    }

    /** The current span's W3C trace context (the eindkomst.retur process span), or null without tracing. */
    private static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex()
                : null;
    }

    /** Record 0001, or null when the body is not a well-formed return file of its type. */
    private static Startrecord startOf(ReturDocument document) {
        try {
            return document.type() == ForsendelseType.SUMKVITTERING
                    ? Sumkvittering.parse(document.body()).start()
                    : Fejladvisering.parse(document.body()).start();
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static String quarantineReason(ReturDocument document, Startrecord start) {
        if (start == null) {
            return "malformed";
        }
        if (document.hovedIndberetningId() != null
                && !document.hovedIndberetningId().equals(start.hovedIndberetningId())) {
            return "id-mismatch";
        }
        return null;
    }

    private String fileName(String id, ReturFileName.Type type, Instant now, boolean routed) {
        LocalDateTime created = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        if (routed) {
            return ReturFileName.of(id, type, created);
        }
        return safeId(id) + "_" + type + "_" + created.format(STAMP) + ".txt";
    }

    /** An id fit for a file name and a log line (it comes from outside). */
    private static String safeId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9]{1,16}")) {
            return "UNKNOWN";
        }
        return id;
    }

    private void report(String id, TrackingStep step, Map<String, String> attributes) {
        tracking.publish(id, step, attributes).exceptionally(failure -> {
            LOG.warnf("tracking event %s for %s not published: %s", step, id, failure.getClass().getSimpleName());
            return null;
        });
    }
}
