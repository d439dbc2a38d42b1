package io.reportingsuite.suite;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A sender on the Belgian batch channel (SPEC §5) as a customer runs one: its demo channel from
 * {@code scripts/batch-channel-material.sh} ({@code channel.env}), FI files it builds, FS signatures made by the
 * {@code openssl} command line (not by our own code), uploads with the OpenSSH {@code sftp} client, and the
 * platform's files in OUT/OUTTEST read from the channel's folder.
 */
final class BatchChannel {

    static final String NAMESPACE = "http://socialsecurity.be/xml/ns/accountbalance";
    static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.currentTimeMillis() / 1000 % 50_000));

    final String user;
    final String senderNumber;
    final String companyId;
    final Path sshKey;
    final Path signingKey;
    final Path signingCertificate;
    private final Suite suite;

    private BatchChannel(Suite suite, Map<String, String> env) {
        this.suite = suite;
        this.user = env.get("CHANNEL_USER");
        this.senderNumber = env.get("SENDER_NUMBER");
        this.companyId = env.get("COMPANY_ID");
        this.sshKey = Path.of(env.get("SSH_KEY"));
        this.signingKey = Path.of(env.get("SIGNING_KEY"));
        this.signingCertificate = Path.of(env.get("SIGNING_CERTIFICATE"));
    }

    /** The demo channel {@code user} (BE_EMPLOYER, BE_SOCSEC, BE_PROVIDER, BE_TRAINING). */
    static BatchChannel of(Suite suite, String user) throws IOException {
        Path env = suite.batchChannelMaterial().resolve(user).resolve("channel.env");
        if (!Files.exists(env)) {
            throw new IllegalStateException("no " + env + ": scripts/batch-channel-material.sh failed, see "
                    + suite.logs().resolve("batch-channel-material.log"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new BatchChannel(suite, values);
    }

    /** A fresh sequence number (element 5): unique within this run. */
    static String nextSequence() {
        return String.format("%05d", SEQUENCE.incrementAndGet());
    }

    /** Elements 2–6 of today's names of this channel, e.g. {@code EACB.100001.20261207.00042.R}. */
    String transmissionId(String purpose, String sequence, String environment) {
        return purpose + "." + senderNumber + "." + DATE.format(LocalDate.now()) + "." + sequence + "." + environment;
    }

    /** An EACB request (root BatchRequest) for {@code mandant} asking about {@code employers}. */
    static byte[] debtQuery(String mandant, String legalContext, List<String> employers) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BatchRequest xmlns=\"")
                .append(NAMESPACE).append("\">\n  <RequestInformation><Consumer><CompanyID>").append(mandant)
                .append("</CompanyID></Consumer></RequestInformation>\n  <LegalContextInformation><LegalContext>")
                .append(legalContext).append("</LegalContext></LegalContextInformation>\n");
        for (String employer : employers) {
            xml.append("  <RequestDetail><EmployerId><CompanyID>").append(employer)
                    .append("</CompanyID></EmployerId></RequestDetail>\n");
        }
        return xml.append("</BatchRequest>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The FS for {@code content}: {@code openssl cms -sign -binary -md <digest>} (detached, DER) with this channel's
     * key, Base64 in 76 columns separated by a single CR (SPEC §5.3).
     */
    byte[] sign(byte[] content, String digest) throws IOException, InterruptedException {
        return sign(content, digest, signingKey, signingCertificate);
    }

    static byte[] sign(byte[] content, String digest, Path key, Path certificate)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("batch-sign");
        try {
            Path in = dir.resolve("fi");
            Path der = dir.resolve("fs.der");
            Files.write(in, content);
            run(List.of("openssl", "cms", "-sign", "-binary", "-md", digest, "-in", in.toString(), "-signer",
                    certificate.toString(), "-inkey", key.toString(), "-outform", "DER", "-out", der.toString()));
            String base64 = Base64.getMimeEncoder(76, new byte[] {0x0D}).encodeToString(Files.readAllBytes(der));
            return base64.getBytes(StandardCharsets.US_ASCII);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Whether {@code openssl cms -verify} accepts {@code fs} (Base64 FS text) as a signature over {@code content}
     * by a certificate it chains to {@code trusted}: the check a sender makes on the platform's files.
     */
    static boolean opensslVerifies(Path content, Path fs, Path trusted) throws IOException, InterruptedException {
        Path der = Files.createTempFile("fs", ".der");
        try {
            String text = Files.readString(fs, StandardCharsets.US_ASCII).replaceAll("\\s", "");
            Files.write(der, Base64.getDecoder().decode(text));
            return exec(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", der.toString(),
                    "-content", content.toString(), "-CAfile", trusted.toString(), "-purpose", "any",
                    "-out", "/dev/null")).exit() == 0;
        } finally {
            Files.deleteIfExists(der);
        }
    }

    /**
     * Uploads {@code files} (name → content) into {@code folder} in the given order with one {@code sftp -b} run;
     * a refused command ends the run with a non-zero exit.
     */
    Exec upload(String folder, Map<String, byte[]> files) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(suite.ingestData(), "batch-upload");
        StringBuilder commands = new StringBuilder("cd " + folder + "\n");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path local = dir.resolve(file.getKey());
            Files.write(local, file.getValue());
            commands.append("put ").append(local).append(' ').append(file.getKey()).append('\n');
        }
        return sftp(commands.toString());
    }

    /** Runs {@code sftp -b} with {@code commands} as this channel, logging in with its ed25519 key. */
    Exec sftp(String commands) throws IOException, InterruptedException {
        Path batch = Files.createTempFile(suite.ingestData(), "sftp-batch", ".txt");
        try {
            Files.writeString(batch, commands);
            return exec(List.of("sftp", "-b", batch.toString(), "-i", sshKey.toString(),
                    "-P", Integer.toString(suite.batchSftpPort()), "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    user + "@127.0.0.1"));
        } finally {
            Files.deleteIfExists(batch);
        }
    }

    /** The files now in this channel's {@code folder} (OUT, OUTTEST, IN, INTEST), by name. */
    List<String> files(String folder) throws IOException {
        Path dir = suite.batchChannelHome(user).resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    Path file(String folder, String name) {
        return suite.batchChannelHome(user).resolve(folder).resolve(name);
    }

    /** A complete answer set in OUT/OUTTEST: its FO (one part) and FS, its GO present. */
    record Out(Path fo, Path fs, String content) {
    }

    /**
     * Waits for the complete {@code purpose} set (FO + FS + GO) in {@code folder} whose FO contains
     * {@code marker} (an ACRF names the transmission id or the files it covers; an answer its request id).
     */
    Out awaitOut(String folder, String purpose, String marker, Duration atMost) {
        Out[] found = new Out[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            found[0] = findOut(folder, purpose, marker).orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    Optional<Out> findOut(String folder, String purpose, String marker) throws IOException {
        List<Out> all = allOut(folder, purpose, marker);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every complete {@code purpose} set in {@code folder} whose FO contains {@code marker}. */
    List<Out> allOut(String folder, String purpose, String marker) throws IOException {
        List<Out> out = new ArrayList<>();
        List<String> names = files(folder);
        for (String name : names) {
            if (!name.startsWith("GO." + purpose + ".")) {
                continue;
            }
            String base = name.substring(3);
            // GO.ACRF.999999.D.S.R ↔ FO.ACRF.999999.D.S.R; GO.EACR….R.1 ↔ FO.EACR….R.1.1
            for (String candidate : List.of(base, base + ".1")) {
                if (names.contains("FO." + candidate) && names.contains("FS." + candidate)) {
                    Path fo = file(folder, "FO." + candidate);
                    String content = Files.readString(fo, StandardCharsets.UTF_8);
                    if (content.contains(marker)) {
                        out.add(new Out(fo, file(folder, "FS." + candidate), content));
                    }
                }
            }
        }
        return out;
    }

    record Exec(int exit, String output) {
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Exec result = exec(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 3)) + " failed: " + result.output());
        }
    }

    static Exec exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not end within 60 s: " + output);
        }
        return new Exec(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
