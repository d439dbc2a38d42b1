package io.reportingsuite.receipt.soap;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the stand-in case system received: technical fields only (file name, size, ids), in arrival order.
 * In memory on purpose: it plays the remote case system, whose state is not receipt-service's.
 */
@ApplicationScoped
public class CaseSystemStub {

    /** One received FileMetadata notification. */
    public record Received(String fileTransferUuid, String fileName, long sizeInBytes, String sender,
                           List<String> sendersFileIds, List<String> recipients, String filType, String sf) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    void record(Received notification) {
        received.add(notification);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String sendersFileId) {
        return received.stream().filter(r -> r.sendersFileIds().contains(sendersFileId)).toList();
    }
}
