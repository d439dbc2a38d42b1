package io.reportingsuite.receipt.soap;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the stand-in case system received: technical fields only (file name, size, ids, dates), in arrival
 * order; FileMetadata notifications and retention warnings apart.
 * In memory on purpose: it plays the remote case system, whose state is not receipt-service's.
 */
@ApplicationScoped
public class CaseSystemStub {

    /** One received FileMetadata notification. */
    public record Received(String fileTransferUuid, String fileName, long sizeInBytes, String sender,
                           List<String> sendersFileIds, List<String> recipients, String filType, String sf) {
    }

    /** One received NotifyRetention warning: who, when the files go, which files (names only). */
    public record RetentionWarning(List<String> recipients, String deletionDate, List<String> fileNames) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<RetentionWarning> retentionWarnings = new CopyOnWriteArrayList<>();

    void record(Received notification) {
        received.add(notification);
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
