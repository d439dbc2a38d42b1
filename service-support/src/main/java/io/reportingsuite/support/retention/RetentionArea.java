package io.reportingsuite.support.retention;

import io.reportingsuite.support.casesystem.RegisteredSystem;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One folder the retention job sweeps.
 *
 * @param owner  the case system warned about its files; empty for a folder only operators see (the warning goes
 *               to the log only)
 * @param label  how the folder is named in logs and warnings (e.g. {@code quarantine})
 * @param folder the folder (flat: only its regular files are swept)
 */
public record RetentionArea(Optional<RegisteredSystem> owner, String label, Path folder) {

    /** A case system's own folder, labelled with its name. */
    public static RetentionArea of(RegisteredSystem system, Path folder) {
        return new RetentionArea(Optional.of(system), system.name(), folder);
    }

    /** A folder only operators see. */
    public static RetentionArea operators(String label, Path folder) {
        return new RetentionArea(Optional.empty(), label, folder);
    }
}
