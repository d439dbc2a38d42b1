package io.reportingsuite.ingest.batch;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.reportingsuite.contracts.batch.BatchFolder;
import io.reportingsuite.contracts.batch.Transmission;
import io.reportingsuite.contracts.batch.TransmissionScanner;
import io.reportingsuite.contracts.finding.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Detection of the batch channel (SPEC §5.1): scans IN and INTEST of every channel every {@code
 * ingest.batch-channel.poll-interval}, once at start-up and after every closed upload; leaves files whose upload
 * is still open alone; groups the rest with {@link TransmissionScanner}, checks each group with {@link
 * TransmissionChecks} and fires {@link TransmissionChecked} synchronously per complete transmission and per
 * rejected group (a transmission still without GO produces nothing). An exception from a check or an observer is
 * logged and leaves the files for the next scan. One scan at a time per instance: a scan requested while one runs
 * makes that one scan again when done.
 */
@ApplicationScoped
public class BatchChannelPoller {

    private static final Logger LOG = Logger.getLogger(BatchChannelPoller.class);

    private final BatchChannels channels;
    private final BatchAreas areas;
    private final BatchUploads uploads;
    private final TransmissionChecks checks;
    private final Event<TransmissionChecked> verdicts;
    private final ReentrantLock scanning = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean active = new AtomicBoolean();
    private final ExecutorService requests = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "batch-channel-scan");
        thread.setDaemon(true);
        return thread;
    });

    public BatchChannelPoller(BatchChannels channels, BatchAreas areas, BatchUploads uploads,
                              TransmissionChecks checks, Event<TransmissionChecked> verdicts) {
        this.channels = channels;
        this.areas = areas;
        this.uploads = uploads;
        this.checks = checks;
        this.verdicts = verdicts;
    }

    /** Asks for a scan soon, on the poller's own thread (the SFTP server's close hook and the start-up). */
    void requestScan() {
        active.set(true);
        try {
            requests.execute(this::scan);
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    @Scheduled(every = "${ingest.batch-channel.poll-interval:2s}", concurrentExecution =
            Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (active.get()) {
            scan();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        requests.shutdownNow();
    }

    /** Scans every channel's IN and INTEST now (or makes the running scan go again), then returns. */
    public void scan() {
        requested.set(true);
        while (requested.get() && scanning.tryLock()) {
            try {
                requested.set(false);
                for (BatchChannels.Channel channel : channels.all().values()) {
                    for (BatchFolder folder : List.of(BatchFolder.IN, BatchFolder.INTEST)) {
                        scan(channel, folder);
                    }
                }
            } finally {
                scanning.unlock();
            }
        }
    }

    private void scan(BatchChannels.Channel channel, BatchFolder folder) {
        Path dir = areas.folder(channel.user(), folder);
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !uploads.uploading(channel.user(), folder, name)).toList();
        } catch (IOException e) {
            LOG.warnf("Batch channel %s %s cannot be listed (%s); next scan retries", channel.user(), folder,
                    e.getClass().getSimpleName());
            return;
        }
        if (names.isEmpty()) {
            return;
        }
        TransmissionScanner.Result result = TransmissionScanner.scan(folder, names);
        for (Transmission transmission : result.ready()) {
            String what = "transmission " + transmission.id();
            deliver(channel, folder, what, () -> checks.complete(channel, folder, dir, transmission));
        }
        for (TransmissionScanner.Rejected rejected : result.rejected()) {
            String what = rejected.fileNames().size() + " rejected file(s)";
            deliver(channel, folder, what, () -> checks.rejected(channel, folder, dir, rejected));
        }
    }

    @FunctionalInterface
    private interface Check {
        TransmissionChecked run() throws Exception;
    }

    private void deliver(BatchChannels.Channel channel, BatchFolder folder, String what, Check check) {
        TransmissionChecked verdict;
        try {
            verdict = check.run();
        } catch (Exception e) {
            LOG.warnf(e, "Batch channel %s %s: the checks of %s failed; next scan retries", channel.user(), folder,
                    what);
            return;
        }
        LOG.infof("Batch channel %s %s: %s %s%s", channel.user(), folder, what,
                verdict.positive() ? "positive" : "negative",
                verdict.findings().isEmpty() ? "" : " (rules " + String.join(", ",
                        verdict.findings().stream().map(Finding::rule).distinct().toList()) + ")");
        try {
            verdicts.fire(verdict);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Batch channel %s %s: the verdict on %s could not be processed; next scan retries",
                    channel.user(), folder, what);
        }
    }
}
