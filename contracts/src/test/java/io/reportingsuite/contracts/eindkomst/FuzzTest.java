package io.reportingsuite.contracts.eindkomst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.reportingsuite.contracts.finding.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated inputs: the parser and validator must always terminate with a result (never
 * throw), respect the cap and never echo digits from the input. Bounded to about three seconds; a failure
 * names the seed and iteration so it can be replayed.
 */
class FuzzTest {

    private static final long SEED = 20251123L;
    private static final long BUDGET_NANOS = 3_000_000_000L;
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{5,}");

    private static final List<byte[]> SEEDS = List.of(
            TestFiles.validKy(),
            TestFiles.builder(CaseSystem.KSD, TestFiles.KSD_ID_16).code("0045", "O'B").build(),
            new byte[0]);

    @Test
    void randomAndMutatedInputsOnlyEverGiveFindings() {
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int iteration = 0;
        while (System.nanoTime() < deadline && iteration < 20_000) {
            byte[] input = mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
            ValidationOptions options = ValidationOptions.defaults()
                    .withSystem(random.nextBoolean() ? CaseSystem.KY : null)
                    .withExpectedHovedIndberetningId(random.nextBoolean() ? TestFiles.KY_ID_16 : null)
                    .withMode(random.nextBoolean() ? ValidationOptions.Mode.ADVISORY : ValidationOptions.Mode.STRICT)
                    .withMaxFindings(1 + random.nextInt(50));
            try {
                ValidationResult result = EIndkomstValidator.validate(input, options);
                assertThat(result.findings()).hasSizeLessThanOrEqualTo(options.maxFindings() + 1);
                assertThat(result.errors() + result.warnings()).isGreaterThanOrEqualTo(
                        result.findings().stream().filter(f -> !f.rule().equals("X01")).count());
                for (Finding f : result.findings()) {
                    assertThat(DIGIT_RUN.matcher(f.message()).find()).as(f.message()).isFalse();
                }
            } catch (RuntimeException | AssertionError e) {
                fail("seed " + SEED + " iteration " + iteration + ": " + e, e);
            }
            iteration++;
        }
        assertThat(iteration).isGreaterThan(100);
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] data = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            data = switch (random.nextInt(8)) {
                case 0 -> Arrays.copyOf(data, data.length == 0 ? 0 : random.nextInt(data.length));
                case 1 -> flip(random, data);
                case 2 -> insert(random, data, new byte[] {'\r', '\n'});
                case 3 -> insert(random, data, new byte[] {(byte) (random.nextBoolean() ? '\n' : '\r')});
                case 4 -> insert(random, data, "9".repeat(random.nextInt(300_000)).getBytes(StandardCharsets.ISO_8859_1));
                case 5 -> randomBytes(random);
                case 6 -> insert(random, data, new byte[] {'\''});
                default -> duplicateSlice(random, data);
            };
        }
        return data;
    }

    private static byte[] flip(Random random, byte[] data) {
        if (data.length > 0) {
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
        }
        return data;
    }

    private static byte[] insert(Random random, byte[] data, byte[] piece) {
        int at = data.length == 0 ? 0 : random.nextInt(data.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, at);
        out.writeBytes(piece);
        out.write(data, at, data.length - at);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random) {
        byte[] data = new byte[random.nextInt(2_000)];
        random.nextBytes(data);
        return data;
    }

    private static byte[] duplicateSlice(Random random, byte[] data) {
        if (data.length == 0) {
            return data;
        }
        int from = random.nextInt(data.length);
        int to = from + random.nextInt(data.length - from);
        return insert(random, data, Arrays.copyOfRange(data, from, to));
    }
}
