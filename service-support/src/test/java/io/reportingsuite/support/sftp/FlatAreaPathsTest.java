package io.reportingsuite.support.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which client paths a flat upload area accepts (plain JUnit; the server tests show the SFTP answers). */
class FlatAreaPathsTest {

    @Test
    void theAreaAndFilesDirectlyInItAreAccepted() {
        for (String path : new String[] {"/", ".", "", "file.txt", "/file.txt", "./file.txt", "/./file.txt",
                "//file.txt", "x/../file.txt", "/x/.."}) {
            assertThat(PolicySftpSubsystemFactory.flatAreaViolation(path)).as(path).isNull();
        }
    }

    @Test
    void dotDotAboveTheRootLeavesTheArea() {
        for (String path : new String[] {"..", "../x", "/..", "/../SP_STYRETSFTP_SKAT_IndkomstIndberet/f",
                "x/../../y", "./.."}) {
            assertThat(PolicySftpSubsystemFactory.flatAreaViolation(path)).as(path).contains("leaves the upload area");
        }
    }

    @Test
    void nestedAndAbsoluteServerPathsAreNotInTheArea() {
        for (String path : new String[] {"/etc/passwd", "a/b", "/work/data/styret/SP_STYRETSFTP_SKAT_IndkomstIndberet/f",
                "/KSD_STYRETSFTP/x"}) {
            assertThat(PolicySftpSubsystemFactory.flatAreaViolation(path)).as(path)
                    .contains("is not a file directly in the area");
        }
    }
}
