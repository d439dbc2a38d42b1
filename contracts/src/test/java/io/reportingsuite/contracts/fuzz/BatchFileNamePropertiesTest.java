package io.reportingsuite.contracts.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.contracts.batch.BatchFileName;
import io.reportingsuite.contracts.batch.ParseResult;
import io.reportingsuite.contracts.finding.Finding;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the batch file-name grammar (SPEC §5.2; issue 14): every string — arbitrary,
 * or a near-miss of a valid name — is answered with a value or findings, never an exception; whatever parses
 * prints back as the same name; every refusal names a rule.
 */
class BatchFileNamePropertiesTest {

    @Property(tries = 3000)
    void anyStringIsAnsweredNeverThrown(@ForAll("names") String name) {
        ParseResult<BatchFileName> result = BatchFileName.parse(name);
        if (result instanceof ParseResult.Ok<BatchFileName> ok) {
            assertThat(ok.value().toString()).isEqualTo(name);
            assertThat(BatchFileName.parse(ok.value().toString())).isEqualTo(result);
        } else {
            List<Finding> findings = ((ParseResult.Failed<BatchFileName>) result).findings();
            assertThat(findings).isNotEmpty().allSatisfy(f -> {
                assertThat(f.rule()).isNotBlank();
                assertThat(f.message()).isNotBlank();
            });
        }
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> kind = Arbitraries.of("FI", "FS", "GO", "FO", "fi", "FX", "");
        Arbitrary<String> purpose = Arbitraries.oneOf(Arbitraries.of("DMFA", "ACRF", "EACB", "FLAC"),
                Arbitraries.strings().withCharRange('0', 'z').ofMaxLength(6));
        Arbitrary<String> sender = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMinLength(5).ofMaxLength(7),
                Arbitraries.of("006400", "999999", "12a456"));
        Arbitrary<String> date = Arbitraries.oneOf(Arbitraries.of("20261207", "20260229", "20240229", "20261301",
                "20261232", "00000000", "99991231"), Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(9));
        Arbitrary<String> sequence = Arbitraries.oneOf(Arbitraries.of("00001", "24AZG", "ZZZZZ"),
                Arbitraries.strings().withCharRange('0', 'Z').ofMinLength(4).ofMaxLength(6));
        Arbitrary<String> env = Arbitraries.of("R", "T", "X", "r", "");
        Arbitrary<String> tail = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(0, 12).map(p -> "." + p),
                Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 12))
                        .as((p, q) -> "." + p + "." + q),
                Arbitraries.of(".99999999999.1", ".1.99999999999", ".-1.1", "..", ".1.1.1", ". 1.1"));
        Arbitrary<String> nearMiss = Combinators.combine(kind, purpose, sender, date, sequence, env, tail)
                .as((k, p, s, d, q, e, t) -> k + "." + p + "." + s + "." + d + "." + q + "." + e + t);
        Arbitrary<String> arbitrary = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> dotted = Arbitraries.strings().withChars("FIGOSTR0123456789.").ofMaxLength(60);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, nearMiss), net.jqwik.api.Tuple.of(2, arbitrary),
                net.jqwik.api.Tuple.of(2, dotted));
    }
}
