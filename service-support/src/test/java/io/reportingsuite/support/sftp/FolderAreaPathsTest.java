package io.reportingsuite.support.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which client paths an area with fixed folders accepts (plain JUnit; ingest's batch channel tests the answers). */
class FolderAreaPathsTest {

    private static final Set<String> FOLDERS = new LinkedHashSet<>(List.of("IN", "INTEST", "OUT", "OUTTEST"));

    @Test
    void theRootTheFoldersAndFilesDirectlyInThemAreAccepted() {
        for (String path : new String[] {"/", ".", "", "IN", "/IN", "/IN/", "OUTTEST/FO.ACRF.999999.20260101.00001.T",
                "/INTEST/./x", "/OUT/../IN/x", "IN/x/..", "/x/../OUT"}) {
            assertThat(PolicySftpSubsystemFactory.folderAreaViolation(path, FOLDERS)).as(path).isNull();
        }
    }

    @Test
    void dotDotAboveTheRootLeavesTheArea() {
        for (String path : new String[] {"..", "../BE_SOCSEC/OUT/x", "/IN/../../x", "./.."}) {
            assertThat(PolicySftpSubsystemFactory.folderAreaViolation(path, FOLDERS)).as(path)
                    .contains("leaves the account's area");
        }
    }

    @Test
    void otherNamesAndDeeperPathsAreRefused() {
        for (String path : new String[] {"/etc/passwd", "in/x", "NEW", "/work/data/batch/BE_SOCSEC/IN/x"}) {
            assertThat(PolicySftpSubsystemFactory.folderAreaViolation(path, FOLDERS)).as(path)
                    .contains("is not in one of the folders IN, INTEST, OUT, OUTTEST");
        }
        for (String path : new String[] {"/IN/sub/x", "OUT/a/b"}) {
            assertThat(PolicySftpSubsystemFactory.folderAreaViolation(path, FOLDERS)).as(path)
                    .contains("is not a file directly in a folder");
        }
    }

    @Test
    void theFolderOfAPathIsItsFirstName() {
        assertThat(FolderAreaPolicy.folderOf(Path.of("/"))).isNull();
        assertThat(FolderAreaPolicy.folderOf(Path.of("/IN"))).isEqualTo("IN");
        assertThat(FolderAreaPolicy.folderOf(Path.of("/OUT/x"))).isEqualTo("OUT");
    }
}
