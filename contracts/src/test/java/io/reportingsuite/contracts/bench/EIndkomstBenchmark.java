package io.reportingsuite.contracts.bench;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + validate of a generated KSD file held in memory, next to two baselines over the same bytes that
 * do nothing but find the lines: {@code BufferedReader.readLine} over an ISO-8859-1 reader, and a plain
 * byte scan for CR/LF. The file is generated once per trial; its size is printed by the README recipe.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EIndkomstBenchmark {

    @Param("1000000")
    public int records;

    private byte[] file;
    private ValidationOptions options;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        file = new EIndkomstGenerator(CaseSystem.KSD, "BBENCH0000000001", records).readAllBytes();
        options = ValidationOptions.defaults().withSystem(CaseSystem.KSD)
                .withExpectedHovedIndberetningId("BBENCH0000000001");
    }

    @Benchmark
    public ValidationResult parseAndValidate() {
        return EIndkomstValidator.validate(file, options);
    }

    /** The parser alone, handing each line to a trivial consumer. */
    @Benchmark
    public long parseOnly() throws IOException {
        long[] total = new long[1];
        EIndkomstParser.parse(new ByteArrayInputStream(file), v -> total[0] += v.length());
        return total[0];
    }

    @Benchmark
    public long baselineReadLine() throws IOException {
        long total = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.ISO_8859_1), 1 << 16)) {
            for (String line; (line = reader.readLine()) != null; ) {
                total += line.length();
            }
        }
        return total;
    }

    @Benchmark
    public long baselineByteScan() {
        long lines = 0;
        byte[] bytes = file;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
