package io.reportingsuite.contracts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.contracts.eindkomst.EIndkomstParser;
import io.reportingsuite.contracts.eindkomst.EIndkomstWriter;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordBuilder;
import io.reportingsuite.contracts.eindkomst.RecordSpec;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonDecoder;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * Encoding a structured forsendelse (JSON → fixed-record file) next to its baseline in the same run: the
 * {@link EIndkomstWriter} writing the same records from {@link RecordBuilder}s already in memory.
 * {@code encodeTree} starts from the Jackson tree (what the REST resource receives), {@code encodeText}
 * from the JSON bytes (parsing included). All produce the same file; records/s = records / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JsonEncodeBenchmark {

    @Param("100000")
    public int records;

    private JsonNode tree;
    private byte[] text;
    private List<RecordBuilder> builders;
    private final ObjectMapper mapper = new ObjectMapper();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        byte[] file = new EIndkomstGenerator(CaseSystem.KSD, "BBENCH0000000001", records).readAllBytes();
        tree = ForsendelseJsonDecoder.decode(file).document();
        text = mapper.writeValueAsBytes(tree);
        builders = new ArrayList<>();
        EIndkomstParser.parse(new ByteArrayInputStream(file), v -> {
            RecordSpec spec = v.spec();
            if (spec.type().equals("9999")) {
                return;
            }
            RecordBuilder b = RecordBuilder.of(spec);
            for (FieldSpec f : spec.fields()) {
                b.set(f.number(), v.value(f));
            }
            builders.add(b);
        });
        byte[] encoded = ForsendelseJsonEncoder.encode(tree).file();
        if (!java.util.Arrays.equals(encoded, file) || !java.util.Arrays.equals(baselineWriter(), file)) {
            throw new IllegalStateException("the benchmarks must produce the same file");
        }
    }

    @Benchmark
    public byte[] encodeTree() {
        return ForsendelseJsonEncoder.encode(tree).file();
    }

    @Benchmark
    public byte[] encodeText() throws IOException {
        return ForsendelseJsonEncoder.encode(mapper.readTree(text)).file();
    }

    @Benchmark
    public byte[] baselineWriter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        EIndkomstWriter writer = new EIndkomstWriter(out);
        for (RecordBuilder b : builders) {
            writer.write(b);
        }
        writer.finish();
        return out.toByteArray();
    }
}
