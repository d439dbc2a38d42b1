package io.reportingsuite.suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A case system uploading to ingest's Styret SFTP server (EP_FS2) with the OpenSSH {@code sftp} client in batch
 * mode ({@code sftp -b}), logging in as the system's SFTP user with the dev key ingest-service generated for it
 * ({@code <ingest data-dir>/sftp-keys/<USER>}). The host key is not pinned (a fresh one per run).
 */
final class OpenSshSftp {

    /** The exit code and the client's output (stdout and stderr together). */
    record Result(int exit, String output) {
    }

    private OpenSshSftp() {
    }

    /** Runs the batch {@code commands} (one per line) as {@code system}; a failing command ends it with exit 1. */
    static Result batch(Suite suite, CaseSystem system, String commands) throws IOException, InterruptedException {
        return batch(suite, system, commands, suite.ingestSftp);
    }

    /** As {@link #batch(Suite, CaseSystem, String)}, against the Styret SFTP server on {@code port} (a second ingest). */
    static Result batch(Suite suite, CaseSystem system, String commands, int port)
            throws IOException, InterruptedException {
        Path key = suite.ingestData().resolve("sftp-keys").resolve(system.sftpUser);
        Path batch = Files.createTempFile(suite.ingestData(), "sftp-batch", ".txt");
        try {
            Files.writeString(batch, commands);
            Process process = new ProcessBuilder("sftp", "-b", batch.toString(), "-i", key.toString(),
                    "-P", Integer.toString(port), "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    system.sftpUser + "@127.0.0.1").redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            process.getInputStream().transferTo(output);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("sftp did not end within 60 s: " + output);
            }
            return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(batch);
        }
    }
}
