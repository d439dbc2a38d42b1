package io.reportingsuite.ingest.styret;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the notification (another part of issue 9) in the server's tests: records each trigger event
 * and whether the trigger's upload was still open when it arrived; refuses trigger files named {@code
 * refused-*} with a fixed reason, as the real checks refuse a wrong size.
 */
@ApplicationScoped
public class TestTriggerObserver {

    record Seen(TriggerFileUploaded event, boolean uploadStillOpen) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    private final StyretUploads uploads;

    public TestTriggerObserver(StyretUploads uploads) {
        this.uploads = uploads;
    }

    void on(@Observes @Priority(1) TriggerFileUploaded event) {
        SEEN.add(new Seen(event, uploads.uploading(event.system(), event.triggerFileName())));
        if (event.triggerFileName().startsWith("refused-")) {
            throw new TriggerRefused("SIZE_MISMATCH", "SizeInBytes 10 is not the size of "
                    + event.triggerFileName().replace(".trigger", "") + " (12 bytes)");
        }
    }
}
