package io.reportingsuite.ingest.styret;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records, in the server's tests, each trigger event and whether the trigger's upload was still open when it
 * arrived; it observes before the real notification ({@code StyretNotifications}), which then checks the trigger.
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
    }
}
