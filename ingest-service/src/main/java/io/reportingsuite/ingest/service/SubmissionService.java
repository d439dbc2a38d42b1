package io.reportingsuite.ingest.service;

import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.Rule;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.messaging.Sha256;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.messaging.ForsendelsePublisher;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.store.ForsendelseRepository.Outcome;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.tracking.TrackingPublisher;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The one submission path behind SOAP and REST: envelope, authorisation and content checks, then durable
 * storage and the hand-off (ARCHITECTURE §5). Order: the row is committed as RECEIVED, the durable message
 * is published with a deterministic duplicate id, then the row becomes QUEUED. A crash or broker failure
 * in between leaves a RECEIVED row; the caller got an error and resends, which republishes safely because
 * the broker drops an exact duplicate. The error says which: {@code UNAVAILABLE} when nothing can have been
 * queued, {@code NOT_CONFIRMED} when the message was handed to the broker without a confirmation in time (the
 * outcome is unknown; if the broker confirms later, the row becomes QUEUED then). Log lines name only the
 * HovedIndberetningID and counts.
 */
@ApplicationScoped
public class SubmissionService {

    static final Pattern HOVED_ID = Pattern.compile("[AB][A-Za-z0-9]{15}");
    static final String PREFIX_RULE = "S01";

    private static final Logger LOG = Logger.getLogger(SubmissionService.class);
    /** Tracking events waiting for {@link #trackingSender}; beyond this the caller's thread sends its own. */
    static final int TRACKING_QUEUE = 1_024;

    private final IngestConfig config;
    private final CaseSystemRegistry registry;
    private final ForsendelseRepository repository;
    private final ForsendelsePublisher publisher;
    private final TrackingPublisher tracking;
    private final IngestMetrics metrics;
    private final Clock clock;
    /**
     * The one thread that hands this service's tracking events to the emitter, in the order they were reported
     * (see {@link #track(String, TrackingStep, Instant, Map)}).
     */
    private final ExecutorService trackingSender;

    public SubmissionService(IngestConfig config, CaseSystemRegistry registry, ForsendelseRepository repository,
                             ForsendelsePublisher publisher, TrackingPublisher tracking, IngestMetrics metrics,
                             Clock clock) {
        this.config = config;
        this.registry = registry;
        this.repository = repository;
        this.publisher = publisher;
        this.tracking = tracking;
        this.metrics = metrics;
        this.clock = clock;
        this.trackingSender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(TRACKING_QUEUE), task -> {
                    Thread thread = new Thread(task, "ingest-tracking-sender");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Sends what was reported before the service stops (a few seconds at most; tracking is not awaited). */
    @PreDestroy
    void stopTracking() throws InterruptedException {
        trackingSender.shutdown();
        trackingSender.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Checks, stores and queues one submission; counted on {@link IngestMetrics} as accepted or refused. */
    public Accepted submit(Submission s) throws Rejection {
        String channel = s.channel().name();
        try {
            Accepted accepted = check(s);
            metrics.accepted(channel, accepted.repeated());
            return accepted;
        } catch (Rejection e) {
            metrics.refused(channel, e.kind(), e.findings());
            throw e;
        }
    }

    private Accepted check(Submission s) throws Rejection {
        // PostgreSQL keeps microseconds: a resend must answer with exactly the stored instant.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = s.hovedIndberetningId();
        RegisteredSystem caller = registry.byName(s.caller())
                .orElseThrow(() -> new Rejection(Rejection.Kind.SECURITY, "The caller is not a known case system."));
        checkEnvelope(s);
        metrics.received(s.channel().name(), s.payload().length);
        if (!caller.owns(id)) {
            LOG.infof("Refused %s from %s: prefix of another case system", id, caller.name());
            throw new Rejection(Rejection.Kind.SECURITY, "The HovedIndberetningID does not belong to the caller.",
                    List.of(Finding.error(PREFIX_RULE, 0, null, 0, "HovedIndberetningID",
                            "The HovedIndberetningID prefix is not the calling case system's.")));
        }
        // One pass over the payload yields the content findings and the SE numbers to authorise.
        SeNumberCheck seNumbers = new SeNumberCheck(Set.copyOf(caller.seNumbers()));
        ValidationResult result = validate(s, caller, seNumbers);
        metrics.validated(s.channel().name(), result.records());
        // Content first: a malformed SE number is a content finding, a well-formed foreign one a refusal.
        if (result.hasErrors() && caller.mode() == ValidationOptions.Mode.STRICT) {
            LOG.infof("Refused %s from %s: %s", id, caller.name(), result.summary());
            track(id, TrackingStep.REJECTED, counts(result, s));
            throw new Rejection(Rejection.Kind.CONTENT, "The forsendelse does not pass validation.",
                    result.findings());
        }
        List<Finding> unregistered = seNumbers.unregistered();
        if (!unregistered.isEmpty()) {
            LOG.infof("Refused %s from %s: %d unregistered SE numbers", id, caller.name(), unregistered.size());
            throw new Rejection(Rejection.Kind.SECURITY,
                    "The forsendelse reports for SE numbers not registered for the caller.", unregistered);
        }
        Forsendelse f = new Forsendelse(id, Sha256.hex(s.payload()), caller.name(), s.channel().name(),
                seNumbers.firstSender(), s.payload().length, result.records(), result.errors(), result.warnings(),
                receivedAt, null, Forsendelse.State.RECEIVED);
        return store(f, caller, s.payload(), result);
    }

    private Accepted store(Forsendelse f, RegisteredSystem caller, byte[] payload, ValidationResult result)
            throws Rejection {
        String id = f.hovedIndberetningId();
        Outcome outcome;
        try {
            outcome = repository.store(f, payload, config.conflictingResend() == IngestConfig.ConflictPolicy.REJECT);
        } catch (SQLException e) {
            LOG.errorf("Could not store %s: %s", id, e.getClass().getSimpleName());
            throw unavailable();
        }
        if (outcome instanceof Outcome.Conflicting) {
            LOG.infof("Refused %s from %s: known id with other content", id, caller.name());
            throw new Rejection(Rejection.Kind.CONFLICT,
                    "The HovedIndberetningID was already accepted with other content.");
        }
        Forsendelse stored;
        if (outcome instanceof Outcome.Existing existing) {
            stored = existing.forsendelse();
        } else {
            stored = ((Outcome.Inserted) outcome).forsendelse();
            track(id, TrackingStep.RECEIVED, Map.of("channel", f.channel(), "system", f.system(),
                    "bytes", Long.toString(f.sizeBytes())));
            track(id, TrackingStep.VALIDATED, counts(result, null));
        }
        boolean repeated = outcome instanceof Outcome.Existing;
        if (stored.state() == Forsendelse.State.QUEUED) {
            LOG.infof("Resend of %s from %s: already queued, nothing forwarded", id, caller.name());
            return accepted(stored, true);
        }
        // QUEUED is dated when the forsendelse is handed to the broker: the forwarder may take it and send it to
        // SKAT before the broker's confirmation is back here, and the timeline must not show SKAT first.
        Instant handedOver = clock.instant();
        boolean moved;
        try {
            publisher.publish(stored, caller.edbSystem(), payload);
            moved = repository.markQueued(id, stored.contentSha256(), clock.instant());
        } catch (ForsendelsePublisher.NotQueuedException e) {
            if (!e.outcomeUnknown()) {
                LOG.warnf("Not queued %s: %s", id, e.getMessage());
                throw unavailable();
            }
            LOG.warnf("Not confirmed %s: %s; outcome unknown until the broker confirms or the caller resends", id,
                    e.getMessage());
            e.lateConfirmation().thenRunAsync(() -> lateConfirmation(stored, handedOver),
                    Infrastructure.getDefaultWorkerPool());
            throw notConfirmed();
        } catch (SQLException e) {
            // The message is on the broker; a resend republishes, and the broker drops the duplicate.
            LOG.errorf("Queued %s but could not record it: %s", id, e.getClass().getSimpleName());
            throw notConfirmed();
        }
        if (moved) {
            queued(stored, handedOver);
        }
        LOG.infof("Accepted %s from %s by %s (%d records)", id, caller.name(), stored.channel(), stored.records());
        return accepted(stored, repeated);
    }

    /**
     * The broker confirmed a message after the caller was told "not confirmed" (the emitter sent it once the
     * broker was back): the row becomes QUEUED so track-and-trace and a resend see it. A resend racing this one
     * waits for the same send (ForsendelsePublisher keeps one unsettled send per forsendelse) and only whichever
     * moves the row reports QUEUED.
     */
    private void lateConfirmation(Forsendelse stored, Instant handedOver) {
        String id = stored.hovedIndberetningId();
        try {
            if (repository.markQueued(id, stored.contentSha256(), clock.instant())) {
                LOG.infof("Late confirmation of %s: queued after the caller was answered", id);
                queued(stored, handedOver);
            }
        } catch (SQLException e) {
            LOG.errorf("Late confirmation of %s not recorded (a resend records it): %s", id,
                    e.getClass().getSimpleName());
        }
    }

    private void queued(Forsendelse stored, Instant handedOver) {
        track(stored.hovedIndberetningId(), TrackingStep.QUEUED, handedOver,
                Map.of("records", Long.toString(stored.records())));
        metrics.queued(stored.channel(), Duration.between(stored.receivedAt(), handedOver));
    }

    private void checkEnvelope(Submission s) throws Rejection {
        if (s.hovedIndberetningId() == null || !HOVED_ID.matcher(s.hovedIndberetningId()).matches()) {
            throw new Rejection(Rejection.Kind.ENVELOPE, "The request is not a valid SkatIndberetning request.",
                    List.of(Finding.error(Rule.H01.code(), 0, null, 0, "HovedIndberetningID", Rule.H01.summary())));
        }
        if (s.payload() == null || s.payload().length == 0) {
            throw new Rejection(Rejection.Kind.ENVELOPE, "The request carries no forsendelse.",
                    List.of(Finding.error(Rule.E01.code(), 0, null, 0, "Indberetning", Rule.E01.summary())));
        }
    }

    /** The content rules with the SE-number check listening in; with validation off, the parser alone. */
    private ValidationResult validate(Submission s, RegisteredSystem caller, SeNumberCheck seNumbers) {
        if (!config.validateContent()) {
            try {
                long lines = EIndkomstParser.parse(new ByteArrayInputStream(s.payload()), seNumbers);
                return new ValidationResult(List.of(), Map.of(), lines, 0, 0, false, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return EIndkomstValidator.validate(s.payload(), validationOptions(caller, s.hovedIndberetningId()),
                seNumbers);
    }

    /** The options every submission by {@code caller} under {@code hovedIndberetningId} is validated with. */
    public static ValidationOptions validationOptions(RegisteredSystem caller, String hovedIndberetningId) {
        return ValidationOptions.defaults().withSystem(caller.caseSystem())
                .withExpectedHovedIndberetningId(hovedIndberetningId).withMode(caller.mode());
    }

    private Accepted accepted(Forsendelse f, boolean repeated) {
        return new Accepted(f.hovedIndberetningId(), f.receivedAt(), f.records(), f.warnings(), f.contentSha256(),
                "/api/v1/indberetninger/" + f.hovedIndberetningId(), repeated);
    }

    private static Rejection unavailable() {
        return new Rejection(Rejection.Kind.UNAVAILABLE,
                "The forsendelse could not be stored durably now; nothing was accepted. Send it again later.");
    }

    private static Rejection notConfirmed() {
        return new Rejection(Rejection.Kind.NOT_CONFIRMED,
                "The forsendelse was stored and handed to the broker, which did not confirm it in time: whether it "
                + "was queued is unknown. Sending the same HovedIndberetningID with the same content again is safe: "
                + "it is delivered at most once, and the answer tells the outcome.");
    }

    private static Map<String, String> counts(ValidationResult result, Submission rejected) {
        return Map.of("records", Long.toString(result.records()), "errors", Long.toString(result.errors()),
                "warnings", Long.toString(result.warnings()),
                "outcome", rejected == null ? "accepted" : "refused");
    }

    /** Tracking is reported, not awaited: the forsendelse's own state lives in its row. */
    private void track(String id, TrackingStep step, Map<String, String> attributes) {
        track(id, step, clock.instant(), attributes);
    }

    /**
     * Hands the event to {@link #trackingSender} and returns: the caller's thread no longer waits for the tracking
     * emitter's lock, held by whichever thread is passing a message through the AMQP connector (the JFR profile of
     * the whole suite at 40/s: request threads parked 149 s on it in 2,559 parks over 6 minutes, second only to the
     * forsendelse's own settlement; README "Benchmark"). One thread keeps the events of a forsendelse in the order
     * they were reported; the caller's trace context goes with the event. When {@link #TRACKING_QUEUE} events are
     * waiting, the caller sends its own (back-pressure, nothing dropped). A failure is logged, never the caller's.
     */
    private void track(String id, TrackingStep step, Instant at, Map<String, String> attributes) {
        trackingSender.execute(Context.current().wrap(() -> {
            try {
                tracking.publish(id, step, at, attributes).exceptionally(failure -> {
                    notPublished(id, step, failure);
                    return null;
                });
            } catch (RuntimeException e) {
                // The emitter refuses at once when the channel is down or its buffer is full.
                notPublished(id, step, e);
            }
        }));
    }

    private static void notPublished(String id, TrackingStep step, Throwable failure) {
        LOG.warnf("Tracking event %s for %s not published: %s", step, id, failure.getClass().getSimpleName());
    }
}
