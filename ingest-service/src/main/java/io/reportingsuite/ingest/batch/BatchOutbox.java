package io.reportingsuite.ingest.batch;

import io.quarkus.runtime.StartupEvent;
import io.reportingsuite.contracts.batch.BatchFileName;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.batch.BatchSignature;
import io.reportingsuite.contracts.batch.Environment;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.support.metrics.CertificateExpiryMetrics;
import io.reportingsuite.support.signing.PlatformSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The channel's folders on disk and the one writer of files into OUT/OUTTEST. A channel user's chroot is
 * {@code ingest.data-dir/batch/<user>} (IN, INTEST, OUT, OUTTEST); what the channel keeps for itself lies
 * outside it, under {@code ingest.data-dir/batch-work/<user>}: {@code staging/} (files being written) and
 * {@code archive/<folder>/<transmission row>/} (the processed uploads).
 *
 * <p>A file set (FO, its FS, the GO) appears atomically: each file is written and fsynced in staging, then moved
 * with {@code ATOMIC_MOVE} into OUT/OUTTEST, FO and FS first, GO last; a GO left from an earlier attempt is
 * removed first, so a rewrite after a crash replaces the same names and a GO never precedes its FO.
 */
@ApplicationScoped
public class BatchOutbox {

    /** The creation date on the platform's file names is the Belgian calendar date. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final Logger LOG = Logger.getLogger(BatchOutbox.class);

    private final Path dataDir;
    private final Clock clock;
    private final Path signingKey;
    private final Path signingCertificate;
    private final boolean generateSigningKey;
    private final CertificateExpiryMetrics expiry;
    private volatile PlatformSigningKey platformKey;

    public BatchOutbox(IngestConfig config, Clock clock,
                       @ConfigProperty(name = "suite.platform-signing.key") Path signingKey,
                       @ConfigProperty(name = "suite.platform-signing.certificate") Path signingCertificate,
                       @ConfigProperty(name = "suite.platform-signing.generate") boolean generateSigningKey,
                       CertificateExpiryMetrics expiry) {
        this.dataDir = config.dataDir();
        this.clock = clock;
        this.signingKey = signingKey;
        this.signingCertificate = signingCertificate;
        this.generateSigningKey = generateSigningKey;
        this.expiry = expiry;
    }

    /**
     * The platform certificate's expiry on {@code suite_certificate_not_after_seconds{purpose="platform-signing"}}
     * from the start when its file is there (else from the first use, which may generate it).
     */
    void onStart(@Observes StartupEvent event) {
        if (Files.isRegularFile(signingCertificate)) {
            try {
                expiry.register(CertificateExpiryMetrics.PLATFORM_SIGNING, "suite.platform-signing",
                        List.of(PlatformSigningKey.readCertificate(signingCertificate)));
            } catch (IOException e) {
                LOG.warnf("the platform signing certificate %s cannot be read (%s); its expiry is not measured",
                        signingCertificate, e.getMessage());
            }
        }
    }

    /** Today in Brussels: the creation date of the names allocated now. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** A channel user's chroot. */
    public Path channelRoot(String channelUser) {
        return dataDir.resolve("batch").resolve(channelUser);
    }

    public Path folder(String channelUser, BatchFolder folder) {
        return channelRoot(channelUser).resolve(folder.name());
    }

    public Path outFolder(String channelUser, Environment env) {
        return channelRoot(channelUser).resolve(env.outFolder());
    }

    /** The channel's own area, outside its chroot. */
    public Path workDir(String channelUser) {
        return dataDir.resolve("batch-work").resolve(channelUser);
    }

    public Path archiveDir(String channelUser, BatchFolder folder, long transmissionRow) {
        return workDir(channelUser).resolve("archive").resolve(folder.name()).resolve(Long.toString(transmissionRow));
    }

    /** The platform's key (loaded, or generated once for local runs, on first use). */
    public PlatformSigningKey platformKey() throws IOException {
        PlatformSigningKey key = platformKey;
        if (key == null) {
            synchronized (this) {
                key = platformKey;
                if (key == null) {
                    key = generateSigningKey ? PlatformSigningKey.loadOrCreate(signingKey, signingCertificate, clock)
                            : PlatformSigningKey.load(signingKey, signingCertificate);
                    expiry.register(CertificateExpiryMetrics.PLATFORM_SIGNING, "suite.platform-signing",
                            List.of(key.certificate()));
                    platformKey = key;
                }
            }
        }
        return key;
    }

    /** Writes {@code fo} signed by the platform key, with its FS and GO, into the channel's OUT/OUTTEST. */
    public void writeSigned(String channelUser, BatchFileName fo, byte[] content) throws IOException {
        BatchSignature signer = platformKey().signer();
        write(channelUser, fo, content, signer.sign(new ByteArrayInputStream(content)));
    }

    /** Writes {@code fo} with the given FS bytes (as they are) and an empty GO into the channel's OUT/OUTTEST. */
    public void write(String channelUser, BatchFileName fo, byte[] content, byte[] signature) throws IOException {
        Path out = outFolder(channelUser, fo.environment());
        Path staging = workDir(channelUser).resolve("staging");
        Files.createDirectories(out);
        Files.createDirectories(staging);
        BatchFileName fs = fo.signature();
        BatchFileName go = fo.go();
        // A GO from an interrupted earlier attempt goes first: until the new set is complete there is no GO.
        if (Files.deleteIfExists(out.resolve(go.toString()))) {
            fsync(out);
        }
        String attempt = UUID.randomUUID().toString();
        Path stagedFo = stage(staging, fo, attempt, content);
        Path stagedFs = stage(staging, fs, attempt, signature);
        Path stagedGo = stage(staging, go, attempt, new byte[0]);
        fsync(staging);
        Files.move(stagedFo, out.resolve(fo.toString()), StandardCopyOption.ATOMIC_MOVE);
        Files.move(stagedFs, out.resolve(fs.toString()), StandardCopyOption.ATOMIC_MOVE);
        fsync(out);
        Files.move(stagedGo, out.resolve(go.toString()), StandardCopyOption.ATOMIC_MOVE);
        fsync(out);
    }

    /**
     * Moves a transmission's uploads out of IN/INTEST into its archive directory, GO last (an interrupted move
     * leaves the GO, so the poller reports the rest again). Files already gone are skipped; only files directly
     * in the channel's {@code folder} are moved.
     */
    public Path archive(String channelUser, BatchFolder folder, long transmissionRow, List<Path> files)
            throws IOException {
        Path source = folder(channelUser, folder).toAbsolutePath().normalize();
        Path target = archiveDir(channelUser, folder, transmissionRow);
        Files.createDirectories(target);
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing((Path p) -> p.getFileName().toString().startsWith("GO.")));
        boolean moved = false;
        for (Path file : ordered) {
            Path absolute = file.toAbsolutePath().normalize();
            if (!source.equals(absolute.getParent())) {
                throw new IOException("a file of the transmission is not in the channel's " + folder + " folder");
            }
            try {
                Files.move(absolute, target.resolve(absolute.getFileName().toString()),
                        StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            } catch (NoSuchFileException gone) {
                // moved by an earlier attempt
            }
        }
        if (moved) {
            fsync(target);
            fsync(source);
        }
        return target;
    }

    private static Path stage(Path staging, BatchFileName name, String attempt, byte[] content) throws IOException {
        Path staged = staging.resolve(name + "." + attempt);
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        return staged;
    }

    /** Makes a directory's entries (a created, renamed or deleted file) durable. */
    private static void fsync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
