package io.reportingsuite.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.reportingsuite.ingest.styret.StyretAreas;
import io.reportingsuite.ingest.styret.StyretSftpServer;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Upload throughput of one 200 MB file with OpenSSH's {@code sftp} client: ingest's Styret SFTP server (the
 * running service's {@link StyretSftpServer}, its policy and audit included) against Debian's OpenSSH {@code
 * sshd}/{@code sftp-server} on a loopback port, same client, same cipher, same file, alternating rounds in the
 * same run. Started by {@code ingest-service/bench/sftp-upload-bench.sh}, which installs openssh-server if
 * missing, runs sshd as the current user on a free port with a temporary configuration and passes {@code
 * -Dbench.sshd.port}, {@code -Dbench.key} (the client key sshd accepts) and {@code -Dbench.dir}; options {@code
 * -Dbench.mb=200 -Dbench.rounds=5 -Dbench.cipher=aes128-gcm@openssh.com}. Writes {@code
 * target/bench/sftp-upload.md}.
 */
@QuarkusTest
@TestProfile(StyretSftpUploadBench.BenchProfile.class)
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "ingest"))
class StyretSftpUploadBench {

    /** KY logs in with the benchmark's client key; the data directory is the benchmark's. */
    public static class BenchProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("suite.case-systems.KY.authorized-keys", System.getProperty("bench.key") + ".pub",
                    "ingest.styret-sftp.generate-dev-keys", "false",
                    "ingest.data-dir", System.getProperty("bench.dir") + "/ingest",
                    "ingest.retention.warning-channel", "LOG");
        }
    }

    @Inject
    StyretSftpServer server;

    @Inject
    StyretAreas areas;

    @Inject
    CaseSystemRegistry registry;

    @Test
    void uploadAgainstOpenSsh() throws Exception {
        int megabytes = Integer.getInteger("bench.mb", 200);
        int rounds = Integer.getInteger("bench.rounds", 5);
        String cipher = System.getProperty("bench.cipher", "aes128-gcm@openssh.com");
        int sshdPort = Integer.getInteger("bench.sshd.port");
        Path dir = Path.of(System.getProperty("bench.dir"));
        Path key = Path.of(System.getProperty("bench.key"));
        String me = System.getProperty("user.name");

        Path file = dir.resolve("upload.bin");
        long size = (long) megabytes * 1_000_000L;
        writeRandom(file, size);
        Path openSshTarget = Files.createDirectories(dir.resolve("openssh-area"));
        Path ours = areas.uploadArea(registry.byName("KY").orElseThrow());

        // Warm-up (JIT, page cache), not measured.
        upload(key, cipher, server.port(), "KY_STYRETSFTP", file, "warmup.bin");
        Files.delete(ours.resolve("warmup.bin"));
        upload(key, cipher, sshdPort, me, file, openSshTarget.resolve("warmup.bin").toString());
        Files.delete(openSshTarget.resolve("warmup.bin"));

        List<Double> oursMbs = new ArrayList<>();
        List<Double> openSshMbs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Alternate which goes first, so neither always meets a warmer page cache.
            for (int leg = 0; leg < 2; leg++) {
                boolean oursNow = (round + leg) % 2 == 0;
                String name = "round-" + round + ".bin";
                long seconds = System.nanoTime();
                if (oursNow) {
                    upload(key, cipher, server.port(), "KY_STYRETSFTP", file, name);
                } else {
                    upload(key, cipher, sshdPort, me, file, openSshTarget.resolve(name).toString());
                }
                double elapsed = (System.nanoTime() - seconds) / 1e9;
                Path landed = oursNow ? ours.resolve(name) : openSshTarget.resolve(name);
                assertThat(Files.size(landed)).isEqualTo(size);
                Files.delete(landed);
                (oursNow ? oursMbs : openSshMbs).add(size / 1e6 / elapsed);
            }
        }
        double oursMedian = median(oursMbs);
        double openSshMedian = median(openSshMbs);
        String report = String.format("""
                # Styret SFTP upload benchmark

                one %d MB file (random bytes), OpenSSH `sftp` client (`-b`, default 32 KiB requests, 64 in flight),
                cipher `%s`, loopback, %d alternating rounds after one warm-up each; MB = 10^6 bytes; time = the whole
                `sftp` process (connect, authenticate, put, close).

                | server | median MB/s | rounds MB/s |
                |---|---|---|
                | ingest Styret SFTP (MINA SSHD, policy + audit) | %.1f | %s |
                | Debian OpenSSH sshd + sftp-server | %.1f | %s |

                ratio ingest / OpenSSH: **%.2f×**
                """, megabytes, cipher, rounds, oursMedian, format(oursMbs), openSshMedian, format(openSshMbs),
                oursMedian / openSshMedian);
        Path out = Path.of("target/bench/sftp-upload.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static void upload(Path key, String cipher, int port, String user, Path file, String target)
            throws IOException, InterruptedException {
        Path batch = Files.createTempFile("sftp-bench", ".batch");
        Files.writeString(batch, "put " + file + " " + target + "\n");
        Process process = new ProcessBuilder("sftp", "-q", "-b", batch.toString(), "-i", key.toString(),
                "-P", Integer.toString(port), "-c", cipher, "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-o", "LogLevel=ERROR", user + "@127.0.0.1").redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        Files.delete(batch);
        assertThat(process.exitValue()).as(output.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static void writeRandom(Path file, long size) throws IOException {
        if (Files.exists(file) && Files.size(file) == size) {
            return;
        }
        Random random = new Random(770);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%.1f", v)).toList());
    }
}
