package io.reportingsuite.ingest.styret;

import io.reportingsuite.support.casesystem.RegisteredSystem;

/**
 * CDI event fired synchronously by the Styret SFTP server (EP_FS2) when a case system closes the upload of a
 * {@code <datafile>.trigger} file in its own upload area (SPEC §2.4, notification by trigger file). The
 * observer reads and checks the trigger; when it throws {@link TriggerRefused} the SFTP close is answered with
 * a failure status carrying the refusal's reason, and the server audits it.
 *
 * @param system          the case system whose SFTP user uploaded the trigger file
 * @param triggerFileName the trigger file's name inside the system's upload area (no directories)
 */
public record TriggerFileUploaded(RegisteredSystem system, String triggerFileName) {
}
