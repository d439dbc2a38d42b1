package io.reportingsuite.ingest.batch;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records, in the batch channel's tests, every {@link TransmissionChecked}, and then plays the ACRF side's part of
 * the contract: the files leave the folder (deleted here), so the next scan does not fire again. Observes late,
 * after any real observer.
 */
@ApplicationScoped
public class TestVerdicts {

    static final List<TransmissionChecked> SEEN = new CopyOnWriteArrayList<>();

    void on(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 900) TransmissionChecked verdict) {
        SEEN.add(verdict);
        for (Path file : verdict.files()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
