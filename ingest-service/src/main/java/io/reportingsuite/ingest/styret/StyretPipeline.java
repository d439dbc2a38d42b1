package io.reportingsuite.ingest.styret;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.RecordView;
import io.reportingsuite.contracts.eindkomst.Rule;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.messaging.ForsendelsePublisher;
import io.reportingsuite.ingest.service.IngestMetrics;
import io.reportingsuite.ingest.service.Rejection;
import io.reportingsuite.ingest.service.SeNumberCheck;
import io.reportingsuite.ingest.service.Submission;
import io.reportingsuite.ingest.service.SubmissionService;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.styret.StyretTransferRepository.Transfer;
import io.reportingsuite.ingest.styret.api.ErrorMessageType;
import io.reportingsuite.ingest.styret.api.ReceiptType;
import io.reportingsuite.ingest.styret.api.TechnicalReceipt;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.tracking.TrackingPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * What follows a Styret SFTP notification, in this order (SPEC §2.4 steps 3–4, ARCHITECTURE §5): validate the
 * stored file as a stream (the EP_FS1 rules and findings, constant memory, progress on the timeline), deliver
 * the kvittering (positive, or negative naming the findings), and only after the kvittering was delivered
 * hand the file to {@code eindkomst.forsendelser}. A refused file is never forwarded.
 *
 * <p>Every step is durable: the state is a {@code styret_transfer} row; a failed step (kvittering service
 * down, broker down, I/O) is retried with exponential back-off at the time kept in the row, across restarts
 * and by whichever instance holds the row's lease. A step is done at least once: a crash between delivering the
 * kvittering and recording it repeats the kvittering (same FileTransferUUID); a repeated forward is dropped by
 * the broker's duplicate detection.
 */
@ApplicationScoped
public class StyretPipeline {

    /** ErrorCode of a content finding (a validator rule), an SE-number refusal (S02) and the finding cap (X01). */
    static final int CONTENT = 1;
    static final int AUTHORISATION = 2;
    static final int TRUNCATED = 3;

    private static final Logger LOG = Logger.getLogger(StyretPipeline.class);
    private static final TypeReference<List<Map<String, Object>>> ERRORS = new TypeReference<>() {
    };
    private static final int MAX_STEPS_PER_RUN = 100;

    private final IngestConfig config;
    private final CaseSystemRegistry registry;
    private final StyretAreas areas;
    private final StyretTransferRepository transfers;
    private final ForsendelseRepository forsendelser;
    private final ForsendelsePublisher publisher;
    private final KvitteringClient kvittering;
    private final TrackingPublisher tracking;
    private final ObjectMapper json;
    private final IngestMetrics metrics;
    private final Clock clock;

    public StyretPipeline(IngestConfig config, CaseSystemRegistry registry, StyretAreas areas,
                          StyretTransferRepository transfers, ForsendelseRepository forsendelser,
                          ForsendelsePublisher publisher, KvitteringClient kvittering, TrackingPublisher tracking,
                          ObjectMapper json, IngestMetrics metrics, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.areas = areas;
        this.transfers = transfers;
        this.forsendelser = forsendelser;
        this.publisher = publisher;
        this.kvittering = kvittering;
        this.tracking = tracking;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(identity = "styret-pipeline", every = "${ingest.styret.poll-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        runDue();
    }

    /** Works on every due step (up to a bound per run). @return the number of steps attempted */
    public int runDue() {
        int steps = 0;
        while (steps < MAX_STEPS_PER_RUN) {
            Optional<Transfer> due;
            try {
                Instant now = clock.instant();
                due = transfers.claimDue(now, now.plus(config.styret().lease()));
            } catch (SQLException e) {
                LOG.warnf("Styret pipeline cannot read its work: %s", e.getClass().getSimpleName());
                return steps;
            }
            if (due.isEmpty()) {
                return steps;
            }
            step(due.get());
            steps++;
        }
        return steps;
    }

    private void step(Transfer t) {
        try {
            switch (t.state()) {
                case MOVED -> validate(t);
                case VALIDATED -> deliverKvittering(t);
                case KVITTERED -> forward(t);
                default -> throw new IllegalStateException("transfer in final state " + t.state());
            }
        } catch (Exception e) {
            int attempts = t.attempts() + 1;
            Duration delay = backoff(attempts);
            String failure = failure(e);
            LOG.warnf("Styret %s (%s) step %s failed (attempt %d), next in %s: %s", t.hovedIndberetningId(),
                    t.fileTransferUuid(), t.state(), attempts, delay, failure);
            try {
                transfers.retryLater(t.fileTransferUuid(), attempts, clock.instant().plus(delay), failure);
            } catch (SQLException again) {
                LOG.errorf("Could not record the failure of %s: %s", t.fileTransferUuid(),
                        again.getClass().getSimpleName());
            }
        }
    }

    /** {@code retry-initial × 2^(attempts-1)}, at most {@code retry-max}. */
    Duration backoff(int attempts) {
        Duration max = config.styret().retryMax();
        Duration delay = config.styret().retryInitial();
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private void validate(Transfer t) throws IOException, SQLException {
        RegisteredSystem system = system(t);
        String id = t.hovedIndberetningId();
        Path file = stored(t);
        SeNumberCheck seNumbers = new SeNumberCheck(Set.copyOf(system.seNumbers()));
        Progress progress = new Progress(t);
        Consumer<RecordView> listener = seNumbers.andThen(progress);
        ValidationResult result;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), 64 * 1024)) {
            if (config.validateContent()) {
                result = EIndkomstValidator.validate(in, SubmissionService.validationOptions(system, id), listener);
            } else {
                long lines = EIndkomstParser.parse(in, listener);
                result = new ValidationResult(List.of(), Map.of(), lines, 0, 0, false, null);
            }
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        if (result.hasErrors() && system.mode() == ValidationOptions.Mode.STRICT) {
            for (Finding f : result.findings()) {
                if (f.isError()) {
                    errors.add(error(Rule.X01.code().equals(f.rule()) ? TRUNCATED : CONTENT, f));
                }
            }
        }
        for (Finding f : seNumbers.unregistered()) {
            errors.add(error(AUTHORISATION, f));
        }
        boolean accepted = errors.isEmpty();
        // The content errors plus the S02 findings (an SE number not registered for the system): the count the
        // kvittering's error list, the tracking event and the stored row agree on.
        long errorCount = result.errors() + seNumbers.unregistered().size();
        forsendelser.recordValidation(id, t.contentSha256(), seNumbers.firstSender(), result.records(), errorCount,
                result.warnings(), !accepted);
        transfers.validated(t.fileTransferUuid(), accepted, result.records(), errorCount, result.warnings(),
                json.writeValueAsString(errors), clock.instant());
        LOG.infof("Styret %s (%s) validated: %s, %s", id, t.fileTransferUuid(), result.summary(),
                accepted ? "accepted" : "refused");
        String channel = Submission.Channel.SFTP.name();
        metrics.received(channel, t.sizeBytes());
        metrics.validated(channel, result.records());
        if (accepted) {
            metrics.accepted(channel, false);
        } else {
            metrics.refused(channel, seNumbers.unregistered().size() == errors.size()
                    ? Rejection.Kind.SECURITY.name() : Rejection.Kind.CONTENT.name(),
                    (String) errors.get(0).get("codeDescription"));
        }
        track(id, TrackingStep.VALIDATED, Map.of("records", Long.toString(result.records()),
                "errors", Long.toString(errorCount), "warnings", Long.toString(result.warnings()),
                "outcome", accepted ? "accepted" : "refused", "fileTransferUUID", t.fileTransferUuid().toString()));
    }

    private void deliverKvittering(Transfer t) throws IOException, SQLException {
        RegisteredSystem system = system(t);
        String endpoint = system.config().kvitteringEndpoint().filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("no kvittering-endpoint registered for " + system.name()));
        boolean accepted = Boolean.TRUE.equals(t.accepted());
        TechnicalReceipt receipt = new TechnicalReceipt();
        receipt.setFileTransferUUID(t.fileTransferUuid().toString());
        receipt.setSendersFileId(t.hovedIndberetningId());
        ReceiptType message = new ReceiptType();
        message.setMessage(accepted ? "ACCEPTED" : "REFUSED");
        receipt.setReceipt(message);
        List<Map<String, Object>> errors = t.errorMessages() == null ? List.of() : json.readValue(t.errorMessages(), ERRORS);
        for (Map<String, Object> e : errors) {
            ErrorMessageType m = new ErrorMessageType();
            m.setErrorCode(((Number) e.get("code")).intValue());
            m.setErrorCodeDescription((String) e.get("codeDescription"));
            m.setErrorDescription((String) e.get("description"));
            receipt.getErrorMessage().add(m);
        }
        kvittering.deliver(endpoint, receipt);
        transfers.kvittered(t.fileTransferUuid(), accepted, clock.instant());
        LOG.infof("Styret %s (%s): kvittering %s delivered to %s", t.hovedIndberetningId(), t.fileTransferUuid(),
                message.getMessage(), system.name());
        track(t.hovedIndberetningId(), TrackingStep.KVITTERING_DELIVERED, Map.of("result", message.getMessage(),
                "errorMessages", Integer.toString(errors.size()), "fileTransferUUID", t.fileTransferUuid().toString()));
        if (!accepted) {
            track(t.hovedIndberetningId(), TrackingStep.REJECTED, Map.of("outcome", "refused",
                    "errorMessages", Integer.toString(errors.size()), "fileTransferUUID", t.fileTransferUuid().toString()));
        }
    }

    private void forward(Transfer t) throws Exception {
        RegisteredSystem system = system(t);
        String id = t.hovedIndberetningId();
        Forsendelse f = forsendelser.find(id, t.contentSha256())
                .orElseThrow(() -> new IllegalStateException("no forsendelse row for the transfer"));
        // QUEUED is dated at the hand-off (see SubmissionService): the forwarder may send it on before this returns.
        Instant handedOver = clock.instant();
        publisher.publishFile(f, system.edbSystem(), stored(t));
        Instant now = clock.instant();
        // false when an earlier attempt of this step got as far (a crash before the transfer row was updated)
        boolean moved = forsendelser.markQueued(id, t.contentSha256(), now);
        transfers.forwarded(t.fileTransferUuid(), now);
        LOG.infof("Styret %s (%s) forwarded (%d records)", id, t.fileTransferUuid(), f.records());
        if (moved) {
            metrics.queued(f.channel(), Duration.between(f.receivedAt(), handedOver));
            track(id, TrackingStep.QUEUED, handedOver, Map.of("records", Long.toString(f.records()),
                    "channel", f.channel(), "fileName", t.fileName(), "bytes", Long.toString(t.sizeBytes())));
        }
    }

    private RegisteredSystem system(Transfer t) {
        return registry.byName(t.system())
                .orElseThrow(() -> new IllegalStateException("case system " + t.system() + " is no longer registered"));
    }

    private Path stored(Transfer t) throws IOException {
        Path file = areas.platformFolder().resolve(t.fileTransferUuid().toString());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the stored file is missing from the platform folder");
        }
        return file;
    }

    private static Map<String, Object> error(int code, Finding f) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("codeDescription", f.rule());
        e.put("description", f.format());
        return e;
    }

    /** Names the failure without anything a remote party or the file could have put in a message. */
    private static String failure(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = e.getClass().getSimpleName();
        return root == e ? name : name + " caused by " + root.getClass().getSimpleName();
    }

    /** Records checked so far: on the timeline every {@code progress-every} records; the lease is renewed too. */
    private final class Progress implements Consumer<RecordView> {
        private final Transfer t;
        private final int every = Math.max(1, config.styret().progressEvery());

        Progress(Transfer t) {
            this.t = t;
        }

        @Override
        public void accept(RecordView v) {
            long line = v.lineNumber();
            if (line % every != 0) {
                return;
            }
            track(t.hovedIndberetningId(), TrackingStep.VALIDATING, Map.of("records", Long.toString(line),
                    "bytesTotal", Long.toString(t.sizeBytes()), "fileTransferUUID", t.fileTransferUuid().toString()));
            try {
                transfers.renewLease(t.fileTransferUuid(), clock.instant().plus(config.styret().lease()));
            } catch (SQLException e) {
                LOG.warnf("Could not renew the lease of %s: %s", t.fileTransferUuid(), e.getClass().getSimpleName());
            }
        }
    }

    private void track(String id, TrackingStep step, Map<String, String> attributes) {
        track(id, step, clock.instant(), attributes);
    }

    private void track(String id, TrackingStep step, Instant at, Map<String, String> attributes) {
        tracking.publish(id, step, at, attributes).exceptionally(failure -> {
            LOG.warnf("Tracking event %s for %s not published: %s", step, id, failure.getClass().getSimpleName());
            return null;
        });
    }
}
