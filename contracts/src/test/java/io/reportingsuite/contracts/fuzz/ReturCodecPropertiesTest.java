package io.reportingsuite.contracts.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.retur.Fejladvisering;
import io.reportingsuite.contracts.retur.Fejlrecord;
import io.reportingsuite.contracts.retur.ReturFormatException;
import io.reportingsuite.contracts.retur.Startrecord;
import io.reportingsuite.contracts.retur.Sumkvittering;
import io.reportingsuite.contracts.retur.Sumrecord;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the return-file codecs (SPEC §4; issue 14): mutated fejladviseringer and
 * sumkvitteringer are either refused with {@link ReturFormatException} (naming a line) or parsed strictly —
 * and then rendering reproduces the input byte for byte. No other exception escapes.
 */
class ReturCodecPropertiesTest {

    static final byte[] FEJLADVISERING = new Fejladvisering(
            new Startrecord("A202500000000001", "20250201", "083000", "29800014", "KOMBIT_KY", 'D'),
            List.of(new Fejlrecord(17, 3, "G202501000000001", "31500028", 1234, "Ugyldigt beløb", "", ""),
                    new Fejlrecord(18, 12, "", "", 55, "Advis", "", "31500036"))).render();
    static final byte[] SUMKVITTERING = new Sumkvittering(
            new Startrecord("A202500000000001", "20250201", "083000", "29800014", "KOMBIT_KY", 'M'),
            List.of(new Sumrecord("31500028", "G202501000000001", "20250101", "20250131", 14, 2, 2_100_000, '+',
                    "KOMBIT_KY"))).render();

    @Property(tries = 2000)
    void fejladviseringIsRefusedOrReproduced(@ForAll("fejladviseringer") byte[] input) {
        check(input, bytes -> Fejladvisering.parse(bytes).render());
    }

    @Property(tries = 2000)
    void sumkvitteringIsRefusedOrReproduced(@ForAll("sumkvitteringer") byte[] input) {
        check(input, bytes -> Sumkvittering.parse(bytes).render());
    }

    private static void check(byte[] input, Function<byte[], byte[]> parseAndRender) {
        try {
            assertThat(parseAndRender.apply(input)).isEqualTo(input);
        } catch (ReturFormatException refused) {
            assertThat(refused.line()).isGreaterThanOrEqualTo(0);
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> fejladviseringer() {
        return mutations(FEJLADVISERING);
    }

    @Provide
    Arbitrary<byte[]> sumkvitteringer() {
        return mutations(SUMKVITTERING);
    }

    private static Arbitrary<byte[]> mutations(byte[] valid) {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(positions -> Arbitraries.integers().between(0, 255).list().ofSize(positions.size())
                        .map(values -> {
                            byte[] copy = valid.clone();
                            for (int i = 0; i < positions.size(); i++) {
                                copy[positions.get(i)] = (byte) values.get(i).intValue();
                            }
                            return copy;
                        }));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length)
                .map(n -> Arrays.copyOf(valid, n));
        Arbitrary<byte[]> spliced = Arbitraries.integers().between(0, valid.length).flatMap(at ->
                Arbitraries.of("\r\n", "\n", "\r", "9999", "0001", "\r\n\r\n", " ", "-").map(s -> {
                    byte[] insert = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    byte[] copy = new byte[valid.length + insert.length];
                    System.arraycopy(valid, 0, copy, 0, at);
                    System.arraycopy(insert, 0, copy, at, insert.length);
                    System.arraycopy(valid, at, copy, at + insert.length, valid.length - at);
                    return copy;
                }));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        return Arbitraries.oneOf(Arbitraries.just(valid), flipped, truncated, spliced, random);
    }
}
