package io.reportingsuite.ingest.batch;

import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.batch.Environment;
import io.reportingsuite.contracts.batch.TransmissionId;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.messaging.Sha256;
import io.reportingsuite.ingest.batch.TransmissionRepository.NewTransmission;
import io.reportingsuite.ingest.batch.TransmissionRepository.Row;
import io.reportingsuite.ingest.batch.TransmissionRepository.State;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The channel's answer to its own checks (observer of {@link TransmissionChecked}): stores the verdict and an ACRF
 * name once per transmission (V6 {@code batch_transmission}), writes the signed ACRF into OUT/OUTTEST, routes a
 * positive transmission by its purpose ({@link BatchRoutes}), then archives the uploads out of IN/INTEST. Every
 * step is recorded (RECEIVED → ACRF_WRITTEN → ROUTED → ARCHIVED); the event fires again until the files are gone,
 * and a re-fire continues at the recorded step with the recorded verdict and name: the ACRF is rewritten under the
 * same name at most, and a repeated send is dropped by the broker's duplicate detection. One instance works on a
 * transmission at a time (PostgreSQL advisory lock); a failure propagates, so the files stay for the next poll.
 *
 * <p>A transmission id already archived that arrives again (its files are back in IN/INTEST) is a resend: it gets
 * its own negative ACRF ({@value #RULE_ALREADY_RECEIVED}) and is archived, never routed twice.
 */
@ApplicationScoped
public class TransmissionDispatcher {

    /** Empty findings but the files form no transmission. */
    public static final String RULE_NO_TRANSMISSION = "A01";
    /** The transmission id was acknowledged before. */
    public static final String RULE_ALREADY_RECEIVED = "A02";
    /** The purpose has no route (configuration). */
    public static final String RULE_NO_ROUTE = "A03";

    private static final Logger LOG = Logger.getLogger(TransmissionDispatcher.class);

    private final BatchChannelConfig config;
    private final TransmissionRepository repository;
    private final BatchOutbox outbox;
    private final BatchRoutes routes;
    private final Clock clock;

    public TransmissionDispatcher(BatchChannelConfig config, TransmissionRepository repository, BatchOutbox outbox,
                                  BatchRoutes routes, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.outbox = outbox;
        this.routes = routes;
        this.clock = clock;
    }

    void onChecked(@Observes TransmissionChecked event) throws IOException, SQLException,
            BatchRoutes.NotRoutedException {
        BatchChannelConfig.Channel channel = config.channels().get(event.channelUser());
        if (channel == null) {
            throw new IllegalArgumentException("batch channel user " + event.channelUser() + " is not configured");
        }
        if (event.folder() != BatchFolder.IN && event.folder() != BatchFolder.INTEST) {
            throw new IllegalArgumentException("transmissions are checked in IN and INTEST, not " + event.folder());
        }
        String key = key(event);
        Optional<TransmissionRepository.Lock> lock = repository.tryLock(event.channelUser(), event.folder(), key);
        if (lock.isEmpty()) {
            LOG.debugf("batch transmission %s of %s is being handled elsewhere", key, event.channelUser());
            return;
        }
        try (TransmissionRepository.Lock held = lock.get()) {
            dispatch(event, channel, key);
        }
    }

    private void dispatch(TransmissionChecked event, BatchChannelConfig.Channel channel, String key)
            throws IOException, SQLException, BatchRoutes.NotRoutedException {
        Optional<Row> latest = repository.latest(event.channelUser(), event.folder(), key);
        Row row;
        if (latest.isEmpty()) {
            row = repository.insert(newTransmission(event, key, 1, List.of()));
        } else if (latest.get().state() == State.ARCHIVED) {
            if (event.files().stream().noneMatch(Files::exists)) {
                return; // a late re-fire of files this instance or another one already archived
            }
            Row earlier = latest.get();
            List<Finding> resend = event.id().isPresent() ? List.of(Finding.error(RULE_ALREADY_RECEIVED, 0, null, 0,
                    null, "Transmission " + earlier.transmissionId().orElse(key) + " was already received and"
                            + " acknowledged in " + earlier.acrf() + "; a new transmission needs a new sequence."))
                    : List.of();
            row = repository.insert(newTransmission(event, key, earlier.generation() + 1, resend));
        } else {
            row = latest.get();
        }
        State state = row.state();
        if (state == State.RECEIVED) {
            writeAcrf(row, channel);
            state = advance(row, state, State.ACRF_WRITTEN);
        }
        if (state == State.ACRF_WRITTEN && row.positive()) {
            if (event.transmission().isEmpty()) {
                throw new IllegalStateException("positive batch transmission " + key + " of " + event.channelUser()
                        + " cannot be routed: its files no longer form the transmission");
            }
            BatchChannelConfig.Route route = config.routes().get(row.purpose().orElseThrow());
            if (route == null) {
                throw new IllegalStateException("positive batch transmission " + key + " of " + event.channelUser()
                        + " cannot be routed: ingest.batch-channel.routes has no " + row.purpose().get() + " any more");
            }
            routes.route(event.channelUser(), outbox.folder(event.channelUser(), event.folder()),
                    event.transmission().get(), route, row.mandant().orElse(channel.companyId()));
            state = advance(row, state, State.ROUTED);
        }
        if (state == State.ROUTED || state == State.ACRF_WRITTEN) {
            outbox.archive(event.channelUser(), event.folder(), row.id(), event.files());
            advance(row, state, State.ARCHIVED);
            LOG.infof("batch transmission %s of %s: %s ACRF %s, archived", key, event.channelUser(),
                    row.positive() ? "positive" : "negative", row.acrf());
        }
    }

    private NewTransmission newTransmission(TransmissionChecked event, String key, int generation,
                                            List<Finding> extra) {
        List<Finding> findings = new ArrayList<>(event.findings());
        findings.addAll(extra);
        Optional<String> purpose = event.id().map(TransmissionId::purpose);
        if (findings.isEmpty() && event.transmission().isEmpty()) {
            findings.add(Finding.error(RULE_NO_TRANSMISSION, 0, null, 0, null,
                    "The files do not form a complete transmission."));
        }
        if (findings.isEmpty() && purpose.isPresent() && !config.routes().containsKey(purpose.get())) {
            findings.add(Finding.error(RULE_NO_ROUTE, 0, null, 2, "purpose",
                    "No route is configured for purpose " + purpose.get() + "."));
        }
        List<String> names = event.files().stream().map(p -> p.getFileName().toString()).sorted().toList();
        // The ACRF answers in the folder's environment (an R file in INTEST is answered in OUTTEST).
        Environment env = event.folder().environment();
        return new NewTransmission(event.channelUser(), event.folder(), key, generation,
                event.id().map(TransmissionId::toString), purpose, env, event.mandant(), names, findings.isEmpty(),
                findings, outbox.today(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private void writeAcrf(Row row, BatchChannelConfig.Channel channel) throws IOException {
        AcknowledgementDocument document = new AcknowledgementDocument(row.acrf(), row.receivedAt(),
                channel.senderNumber(), row.folder().name(), row.transmissionId(), row.fileNames(), row.positive(),
                row.findings());
        outbox.writeSigned(row.channelUser(), row.acrf(), document.render());
    }

    private State advance(Row row, State from, State to) throws SQLException {
        repository.advance(row.id(), from, to, clock.instant());
        return to;
    }

    /** The transmission id, or for files that form none the SHA-256 of their sorted names. */
    static String key(TransmissionChecked event) {
        if (event.id().isPresent()) {
            return event.id().get().toString();
        }
        String names = String.join("\n", event.files().stream().map(p -> p.getFileName().toString()).sorted()
                .toList());
        return "files:" + Sha256.hex(names.getBytes(StandardCharsets.UTF_8));
    }
}
