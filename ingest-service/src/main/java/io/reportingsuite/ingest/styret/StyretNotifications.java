package io.reportingsuite.ingest.styret;

import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.service.Submission;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.store.ForsendelseRepository.Outcome;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import io.reportingsuite.support.sftp.UploadTracker;
import io.reportingsuite.support.tracking.TrackingPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A Styret SFTP notification (SPEC §2.4 steps 2–3), by SOAP ({@link StyretNotificationEndpoint}) or by a
 * trigger file ({@link TriggerFileUploaded}): every check of the trigger against the caller and its upload
 * area, each refused with its own {@link TriggerRefused} reason; then the file is moved atomically into the
 * platform folder under its FileTransferUUID and recorded (forsendelse row, channel SFTP, plus the transfer
 * row the {@link StyretPipeline} works from) in one transaction. Validation, kvittering and forward follow
 * asynchronously. Log lines name ids, file names and sizes only.
 */
@ApplicationScoped
public class StyretNotifications {

    /** {@code FileContentDescriptor/FilType} of an eIndkomst report (SPEC §2.4). */
    public static final String FIL_TYPE = "SkatIndberet";
    /** {@code FileContentDescriptor/SF}: the service agreement SF0770_B. */
    public static final String SF = "770B";
    public static final String TRIGGER_SUFFIX = ".trigger";

    private static final Pattern HOVED_ID = Pattern.compile("[A-Z0-9][A-Za-z0-9]{15}");
    private static final Logger LOG = Logger.getLogger(StyretNotifications.class);

    private final IngestConfig config;
    private final StyretAreas areas;
    private final ForsendelseRepository forsendelser;
    private final StyretTransferRepository transfers;
    private final TrackingPublisher tracking;
    private final Clock clock;
    private final StyretUploads uploads;

    public StyretNotifications(IngestConfig config, StyretAreas areas, ForsendelseRepository forsendelser,
                               StyretTransferRepository transfers, TrackingPublisher tracking, Clock clock,
                               StyretUploads uploads) {
        this.uploads = uploads;
        this.config = config;
        this.areas = areas;
        this.forsendelser = forsendelser;
        this.transfers = transfers;
        this.tracking = tracking;
        this.clock = clock;
    }

    /**
     * The answer to an accepted notification.
     *
     * @param repeated true when this SendersFileId and these bytes were notified before: nothing new happens
     *                 and the first FileTransferUUID is answered
     */
    public record Notified(UUID fileTransferUuid, String sendersFileId, boolean repeated) {
    }

    /** The trigger-file way: acts on {@code <datafile>.trigger} when its upload closed, then deletes it. */
    void onTriggerFile(@Observes TriggerFileUploaded event) {
        RegisteredSystem system = event.system();
        String name = event.triggerFileName();
        if (!plainName(name) || !name.toLowerCase(Locale.ROOT).endsWith(TRIGGER_SUFFIX)) {
            throw new TriggerRefused("TRIGGER_NAME", "A trigger file is named <datafile>.trigger, without directories.");
        }
        Path triggerFile = areas.uploadArea(system).resolve(name);
        try {
            TriggerDocument trigger = readTrigger(triggerFile);
            String dataFile = name.substring(0, name.length() - TRIGGER_SUFFIX.length());
            if (!dataFile.equals(trigger.fileName())) {
                throw new TriggerRefused("TRIGGER_NAME", "The trigger file must be named after the data file it"
                        + " notifies: Routinginformation/FileName + \".trigger\".");
            }
            notify(system, trigger, "trigger-file");
        } finally {
            try {
                Files.deleteIfExists(triggerFile);
            } catch (IOException e) {
                LOG.warnf("Could not delete trigger file %s of %s: %s", name, system.name(),
                        e.getClass().getSimpleName());
            }
        }
    }

    private TriggerDocument readTrigger(Path triggerFile) {
        long max = config.styret().maxTriggerSize().asLongValue();
        try {
            if (!Files.isRegularFile(triggerFile, LinkOption.NOFOLLOW_LINKS)) {
                throw new TriggerRefused("FILE_NOT_FOUND", "The trigger file is not in the upload area.");
            }
            if (Files.size(triggerFile) > max) {
                throw new TriggerRefused("TRIGGER_UNREADABLE", "The trigger file is larger than " + max + " bytes.");
            }
            try (InputStream in = Files.newInputStream(triggerFile, LinkOption.NOFOLLOW_LINKS)) {
                return TriggerDocument.parse(new BufferedInputStream(limit(in, max)));
            }
        } catch (TriggerDocument.Unreadable e) {
            throw new TriggerRefused("TRIGGER_UNREADABLE", e.getMessage());
        } catch (IOException e) {
            throw new TriggerRefused("INTERNAL", "The trigger file could not be read.");
        }
    }

    /**
     * Checks a trigger from {@code system}, moves the data file into the platform folder and records it.
     *
     * @param via {@code soap} or {@code trigger-file}, for tracking
     */
    public Notified notify(RegisteredSystem system, TriggerDocument t, String via) {
        String id = check(system, t);
        // The data file is held while it is checked and moved: its SFTP upload must be closed, and no SFTP
        // write or delete, nor a second notification, can touch it meanwhile (FILE_IN_USE otherwise).
        try (UploadTracker.Claim claim = uploads.claim(system, t.fileName())) {
            return checkAndStore(system, t, id, via);
        }
    }

    private Notified checkAndStore(RegisteredSystem system, TriggerDocument t, String id, String via) {
        Path area = areas.uploadArea(system);
        Path dataFile = area.resolve(t.fileName());
        if (!dataFile.normalize().getParent().equals(area.normalize())
                || !Files.isRegularFile(dataFile, LinkOption.NOFOLLOW_LINKS)) {
            LOG.infof("Refused notification %s from %s: file %s not in its upload area", id, system.name(), t.fileName());
            throw new TriggerRefused("FILE_NOT_FOUND", "The file named in Routinginformation/FileName is not in "
                    + "the sender's upload area (SPEC §2.4 row 2).");
        }
        String sha;
        long size;
        try {
            size = Files.size(dataFile);
            if (size != t.sizeInBytes()) {
                LOG.infof("Refused notification %s from %s: %s has %d bytes, trigger says %d", id, system.name(),
                        t.fileName(), size, t.sizeInBytes());
                throw new TriggerRefused("SIZE_MISMATCH", "Routinginformation/SizeInBytes is " + t.sizeInBytes()
                        + " but the uploaded file has " + size + " bytes.");
            }
            sha = sha256(dataFile);
        } catch (NoSuchFileException e) {
            throw new TriggerRefused("FILE_NOT_FOUND", "The file named in Routinginformation/FileName is not in "
                    + "the sender's upload area (SPEC §2.4 row 2).");
        } catch (IOException e) {
            LOG.errorf("Could not read %s of %s: %s", t.fileName(), system.name(), e.getClass().getSimpleName());
            throw internal();
        }
        return store(system, t, id, dataFile, size, sha, via);
    }

    private Notified store(RegisteredSystem system, TriggerDocument t, String id, Path dataFile, long size, String sha,
                           String via) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean refuseOther = config.conflictingResend() == IngestConfig.ConflictPolicy.REJECT;
        try {
            // An exact repeat is answered before anything moves.
            if (exactRepeat(id, sha)) {
                return repeated(system, id, sha, dataFile, t.fileName());
            }
            UUID uuid = UUID.randomUUID();
            Path platform = areas.platformFolder();
            Files.createDirectories(platform);
            Path stored = platform.resolve(uuid.toString());
            Files.move(dataFile, stored, StandardCopyOption.ATOMIC_MOVE);
            Forsendelse f = new Forsendelse(id, sha, system.name(), Submission.Channel.SFTP.name(), null, size, 0, 0, 0,
                    now, null, Forsendelse.State.RECEIVED);
            StyretTransferRepository.Transfer transfer = new StyretTransferRepository.Transfer(uuid, id, sha,
                    system.name(), t.fileName(), size, StyretTransferRepository.State.MOVED, null, null, 0, now);
            Outcome outcome;
            try {
                outcome = forsendelser.storeFile(f, new ForsendelseRepository.StoredFile(t.fileName(), uuid.toString()),
                        refuseOther, c -> transfers.insert(c, transfer));
            } catch (SQLException | RuntimeException e) {
                moveBack(stored, dataFile);
                throw e;
            }
            if (!(outcome instanceof Outcome.Inserted)) {
                // Another notification of the same id won the race: give the file back and answer as it decided.
                moveBack(stored, dataFile);
                if (outcome instanceof Outcome.Conflicting) {
                    throw conflict(system, id);
                }
                return repeated(system, id, sha, dataFile, t.fileName());
            }
            LOG.infof("Notified %s from %s by %s: %s (%d bytes) moved as %s", id, system.name(), via, t.fileName(),
                    size, uuid);
            track(id, TrackingStep.RECEIVED, Map.of("channel", Submission.Channel.SFTP.name(), "system", system.name(),
                    "fileName", t.fileName(), "bytes", Long.toString(size), "fileTransferUUID", uuid.toString(),
                    "notifiedBy", via));
            return new Notified(uuid, id, false);
        } catch (SQLException | IOException e) {
            LOG.errorf("Could not take %s of %s: %s", id, system.name(), e.getClass().getSimpleName());
            throw internal();
        }
    }

    /** Whether this id and content were taken before (by Styret SFTP or, as a payload, by EP_FS1). */
    private boolean exactRepeat(String id, String sha) throws SQLException {
        return transfers.find(id, sha).isPresent() || forsendelser.find(id, sha).isPresent();
    }

    private Notified repeated(RegisteredSystem system, String id, String sha, Path dataFile, String fileName)
            throws SQLException, IOException {
        UUID first = transfers.find(id, sha).map(StyretTransferRepository.Transfer::fileTransferUuid)
                // the same bytes came by EP_FS1 first: a stable id for them
                .orElse(UUID.nameUUIDFromBytes((id + ":" + sha).getBytes(StandardCharsets.US_ASCII)));
        Files.deleteIfExists(dataFile);
        LOG.infof("Repeated notification %s from %s (%s): same bytes as %s, nothing new", id, system.name(), fileName,
                first);
        return new Notified(first, id, true);
    }

    private TriggerRefused conflict(RegisteredSystem system, String id) {
        LOG.infof("Refused notification %s from %s: known id with other content", id, system.name());
        return new TriggerRefused("CONFLICT", "The SendersFileId (HovedIndberetningID) was already accepted with "
                + "other content.");
    }

    private static void moveBack(Path stored, Path dataFile) {
        try {
            Files.move(stored, dataFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.errorf("Could not move %s back to the upload area: %s", stored.getFileName(), e.getClass().getSimpleName());
        }
    }

    /** The checks on the trigger itself; @return the SendersFileId (HovedIndberetningID) */
    private String check(RegisteredSystem system, TriggerDocument t) {
        String name = t.fileName();
        if (name == null || !plainName(name)) {
            throw refuse(system, "FILE_NAME_INVALID", "Routinginformation/FileName must be a plain file name in the "
                    + "upload area: no path separators, no '..', no control characters.");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(TRIGGER_SUFFIX)) {
            throw refuse(system, "TRIGGER_DATA_FILE", "The data file must not have the extension .trigger (SPEC §2.4).");
        }
        if (t.sizeInBytes() == null || t.sizeInBytes() < 0) {
            throw refuse(system, "SIZE_MISMATCH", "Routinginformation/SizeInBytes must be the file's size in bytes.");
        }
        if (!system.sftpUser().equals(t.sender())) {
            throw refuse(system, "WRONG_SENDER", "Routinginformation/Sender must be the caller's own SFTP user.");
        }
        if (t.recipients().isEmpty() || !t.recipients().stream().allMatch(StyretAreas.PLATFORM_USER::equals)) {
            throw refuse(system, "WRONG_RECIPIENT", "Routinginformation/Recipients must be "
                    + StyretAreas.PLATFORM_USER + " only.");
        }
        if (!FIL_TYPE.equals(t.filType())) {
            throw refuse(system, "WRONG_FILTYPE", "FileContentDescriptor/FilType must be " + FIL_TYPE + ".");
        }
        if (!SF.equals(t.sf())) {
            throw refuse(system, "WRONG_SF", "FileContentDescriptor/SF must be " + SF + ".");
        }
        if (t.sendersFileIds().size() != 1 || !HOVED_ID.matcher(t.sendersFileIds().get(0)).matches()) {
            throw refuse(system, "SENDERS_FILE_ID_INVALID", "Routinginformation/SendersFileId must be given once: the "
                    + "HovedIndberetningID, the system prefix and 15 letters or digits.");
        }
        String id = t.sendersFileIds().get(0);
        if (!system.owns(id)) {
            throw refuse(system, "WRONG_PREFIX", "Routinginformation/SendersFileId does not have the caller's prefix "
                    + system.prefix() + " (SPEC §2.1 rule 9).");
        }
        if (system.config().kvitteringEndpoint().filter(s -> !s.isBlank()).isEmpty()) {
            throw refuse(system, "NO_KVITTERING_SERVICE", "The case system has no kvittering service registered "
                    + "(kvittering-endpoint); files are not taken before a kvittering can be delivered.");
        }
        return id;
    }

    private static TriggerRefused refuse(RegisteredSystem system, String reason, String message) {
        LOG.infof("Refused notification from %s: %s", system.name(), reason);
        return new TriggerRefused(reason, message);
    }

    private static TriggerRefused internal() {
        return new TriggerRefused("INTERNAL", "Intern fejl: the notification could not be processed now; the file"
                + " is left in the upload area. Notify again later.");
    }

    /** A name without directories: no separators, not {@code .}/{@code ..}, no control characters. */
    static boolean plainName(String name) {
        if (name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7F || c == ':') {
                return false;
            }
        }
        return true;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static InputStream limit(InputStream in, long max) {
        return new InputStream() {
            long left = max;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    private void track(String id, TrackingStep step, Map<String, String> attributes) {
        tracking.publish(id, step, attributes).exceptionally(failure -> {
            LOG.warnf("Tracking event %s for %s not published: %s", step, id, failure.getClass().getSimpleName());
            return null;
        });
    }
}
