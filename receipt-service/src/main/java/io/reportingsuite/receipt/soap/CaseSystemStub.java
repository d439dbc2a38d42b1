package io.reportingsuite.receipt.soap;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the stand-in case system received: technical fields only (file name, size, ids, dates), in arrival
 * order; FileMetadata notifications, retention warnings and Styret SFTP kvitteringer apart.
 * In memory on purpose: it plays the remote case system, whose state is not receipt-service's.
 */
@ApplicationScoped
public class CaseSystemStub {

    /**
     * One received FileMetadata notification, with when the stub took it (so a measurement from outside can time
     * a return file's notification: suite-tests' {@code PerformanceExperiment}).
     */
    public record Received(String fileTransferUuid, String fileName, long sizeInBytes, String sender,
                           List<String> sendersFileIds, List<String> recipients, String filType, String sf,
                           Instant receivedAt) {
    }

    /** One received NotifyRetention warning: who, when the files go, which files (names only). */
    public record RetentionWarning(List<String> recipients, String deletionDate, List<String> fileNames) {
    }

    /**
     * One received EP_FS2 TechnicalReceipt (kvittering): ids, the result, the error list (codes and rules) and
     * when the stub took it (so a test can order it against the forward).
     */
    public record Kvittering(String fileTransferUuid, String sendersFileId, String result, List<KvitteringError> errors,
                             Instant receivedAt) {
    }

    /** One ErrorMessage of a kvittering. */
    public record KvitteringError(int errorCode, String errorCodeDescription, String errorDescription) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Kvittering> kvitteringer = new CopyOnWriteArrayList<>();
    private final List<RetentionWarning> retentionWarnings = new CopyOnWriteArrayList<>();

    void record(Received notification) {
        received.add(notification);
    }

    void record(Kvittering kvittering) {
        kvitteringer.add(kvittering);
    }

    /** Every kvittering received, in arrival order. */
    public List<Kvittering> kvitteringer() {
        return List.copyOf(kvitteringer);
    }

    void record(RetentionWarning warning) {
        retentionWarnings.add(warning);
    }

    public List<RetentionWarning> retentionWarnings() {
        return List.copyOf(retentionWarnings);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String sendersFileId) {
        return received.stream().filter(r -> r.sendersFileIds().contains(sendersFileId)).toList();
    }
}
