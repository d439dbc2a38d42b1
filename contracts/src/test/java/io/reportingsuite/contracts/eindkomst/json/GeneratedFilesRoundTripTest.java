package io.reportingsuite.contracts.eindkomst.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstGenerator;
import io.reportingsuite.contracts.eindkomst.EIndkomstWriter;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordBuilder;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.Property;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.RecordMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: decode → encode is the identity on generated files. Two generators: the contracts
 * {@link EIndkomstGenerator} at random sizes for both systems, and random forsendelser that fill every field
 * the model holds with random representable content (any ISO-8859-1 text, digits, dates, amounts), in every
 * place of the structure. Each case is named by its seed, so a failure is reproducible.
 */
class GeneratedFilesRoundTripTest {

    private static final long BASE_SEED = System.nanoTime();
    private static final int CASES = 300;

    @TestFactory
    Stream<DynamicTest> generatorFilesRoundTrip() {
        return IntStream.range(0, 40).mapToObj(i -> {
            long seed = BASE_SEED + i;
            return DynamicTest.dynamicTest("seed " + seed, () -> {
                Random r = new Random(seed);
                CaseSystem system = r.nextBoolean() ? CaseSystem.KY : CaseSystem.KSD;
                long records = EIndkomstGenerator.MIN_RECORDS + r.nextInt(i < 5 ? 20 : 1500);
                byte[] file = new EIndkomstGenerator(system, system.prefix() + "GEN00000000000" + (i % 10), records)
                        .readAllBytes();
                assertThat(ForsendelseJsonRoundTripTest.roundTrip(file)).isEqualTo(file);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> randomForsendelserRoundTrip() {
        return IntStream.range(0, CASES).mapToObj(i -> {
            long seed = BASE_SEED + 1000 + i;
            return DynamicTest.dynamicTest("seed " + seed, () -> {
                byte[] file = randomFile(new Random(seed));
                assertThat(ForsendelseJsonRoundTripTest.roundTrip(file)).isEqualTo(file);
            });
        });
    }

    static byte[] randomFile(Random r) throws IOException {
        List<RecordBuilder> records = new ArrayList<>();
        records.add(random(ForsendelseJsonModel.R1000, r));
        records.add(random(ForsendelseJsonModel.R2001, r));
        for (int a = r.nextInt(4); a > 0; a--) {
            records.add(random(ForsendelseJsonModel.R2101, r));
            if (r.nextInt(3) == 0) {
                records.add(random(ForsendelseJsonModel.R8001, r));
            }
        }
        List<RecordMapping> lines = List.copyOf(ForsendelseJsonModel.LINES.values());
        for (int g = r.nextInt(4); g > 0; g--) {
            records.add(random(ForsendelseJsonModel.R5000, r));
            for (int p = r.nextInt(4); p > 0; p--) {
                records.add(random(ForsendelseJsonModel.R6000, r));
                if (r.nextInt(4) == 0) {
                    records.add(random(ForsendelseJsonModel.R8001, r));
                }
                for (int l = r.nextInt(6); l > 0; l--) {
                    records.add(random(lines.get(r.nextInt(lines.size())), r));
                }
            }
        }
        for (int t = r.nextInt(3); t > 0; t--) {
            records.add(random(ForsendelseJsonModel.R4101, r));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EIndkomstWriter writer = new EIndkomstWriter(out);
        for (RecordBuilder b : records) {
            writer.write(b);
        }
        writer.finish();
        return out.toByteArray();
    }

    /** A record whose every model field is blank or random content of its kind; constants as the platform writes. */
    private static RecordBuilder random(RecordMapping m, Random r) {
        RecordBuilder b = RecordBuilder.of(m.spec());
        m.constants().forEach(b::set);
        for (Property p : m.properties()) {
            if (r.nextInt(5) == 0) {
                continue;
            }
            FieldSpec f = p.field();
            switch (p.kind()) {
                case TEXT -> b.set(f.number(), text(r, r.nextInt(f.length() + 1)));
                case DIGITS -> b.set(f.number(), digits(r, f.length()));
                case DATE -> b.set(f.number(), LocalDate.ofEpochDay(r.nextInt(80_000))
                        .format(ForsendelseJsonEncoder.FILE_DATE));
                case TIME -> b.set(f.number(), String.format("%02d%02d%02d", r.nextInt(24), r.nextInt(60),
                        r.nextInt(60)));
                case HUNDREDTHS -> {
                    FieldSpec decimals = p.fields().get(1);
                    b.set(f.number(), digits(r, f.length()));
                    b.set(decimals.number(), digits(r, 2) + "0".repeat(decimals.length() - 2));
                }
                default -> throw new IllegalStateException();
            }
        }
        return b;
    }

    private static String digits(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /** Printable ISO-8859-1, blanks and apostrophes included. */
    private static String text(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = r.nextInt(0x5F + 0x60);
            sb.append((char) (c < 0x5F ? 0x20 + c : 0xA0 + c - 0x5F));
        }
        return sb.toString();
    }
}
