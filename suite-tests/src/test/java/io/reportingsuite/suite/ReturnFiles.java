package io.reportingsuite.suite;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/** Waiting for a return file in a case system's SFTP folder, looking the way the case system does: over SFTP. */
final class ReturnFiles {

    private ReturnFiles() {
    }

    /**
     * The names of {@code system}'s files for {@code id} of {@code kind} ({@code SUMKVIT}, {@code FEJLADV};
     * empty: any kind).
     */
    static List<String> of(Suite suite, CaseSystem system, String id, String kind) throws Exception {
        String prefix = kind.isEmpty() ? id + "_" : id + "_" + kind + "_";
        try (CaseSystemSftp sftp = new CaseSystemSftp(suite, system.sftpUser)) {
            return sftp.list().stream().filter(name -> name.startsWith(prefix)).toList();
        }
    }

    /** Waits until {@code system}'s folder has one file for {@code id} of {@code kind}; its name. */
    static String awaitOne(Suite suite, CaseSystem system, String id, String kind, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> of(suite, system, id, kind), names -> !names.isEmpty()).get(0);
    }

    static byte[] download(Suite suite, CaseSystem system, String name) throws Exception {
        try (CaseSystemSftp sftp = new CaseSystemSftp(suite, system.sftpUser)) {
            return sftp.download(name);
        }
    }
}
