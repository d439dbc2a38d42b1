package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A file of 600,000 records (about 27 MB) is validated in a fresh JVM whose whole heap is 16 MB: if memory
 * grew with the input, the child would fail with OutOfMemoryError.
 */
class ConstantMemoryTest {

    @Test
    void validatesALargeStreamInASmallHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx16m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LargeFileMain.class.getName(), "600000")
                .redirectErrorStream(true).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done).as("finished in time").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("records: 600000, errors: 0, warnings: 0").contains("peak heap MB");
    }
}
