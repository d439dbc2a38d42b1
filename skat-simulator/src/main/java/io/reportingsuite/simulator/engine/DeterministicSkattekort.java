package io.reportingsuite.simulator.engine;

import io.reportingsuite.contracts.skattekort.KortType;
import io.reportingsuite.contracts.skattekort.Skattekort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * The simulator's skattekort: every value follows from the CPR number (and the requested type), so a test
 * can compute what it must receive. Not SKAT's tax computation; only plausible, stable numbers.
 * <ul>
 *   <li>KortType: requested 2101 Skattekort_type 1 → hovedkort (2), 2 → bikort (4), 6 → 6, 7 → 7; a CPR
 *       whose last digit is 0 gets a frikort (3) whatever was requested</li>
 *   <li>Traekprocent = 30.00 + (last four CPR digits mod 150) / 10</li>
 *   <li>hovedkort: FradragMaaned = 3000 + 50 × (last four digits mod 40); 14 days, week and day are the
 *       yearly amount / 26, 52 and 365 (SPEC §3.9), rounded half up to øre</li>
 *   <li>frikort: FrikortBeloeb = 40000 + 100 × (last four digits mod 200)</li>
 *   <li>§17 types (3, 5, 6, 7): TraekprocentParagraf17 = Traekprocent + 2</li>
 * </ul>
 */
public final class DeterministicSkattekort {

    private DeterministicSkattekort() {
    }

    /**
     * @param requestedType 2101 field 9 (blank counts as hovedkort)
     * @param anvendesFra   when the card applies; its year is the income year
     * @param loebenummer   1 for the card answering a 2101, higher for later changes
     */
    public static Skattekort of(String cpr, String abonnentSe, String requestedType, LocalDate anvendesFra,
                                int loebenummer) {
        int seed = Integer.parseInt(cpr.substring(6));
        KortType type = cpr.endsWith("0") ? KortType.FRIKORT : switch (requestedType.trim()) {
            case "2" -> KortType.BIKORT;
            case "6" -> KortType.HOVEDKORT_PARAGRAF17;
            case "7" -> KortType.BIKORT_PARAGRAF17;
            default -> KortType.HOVEDKORT;
        };
        BigDecimal traek = BigDecimal.valueOf(3000 + (seed % 150) * 10L, 2);
        BigDecimal p17 = type.allowsParagraf17() ? traek.add(BigDecimal.valueOf(200, 2)) : null;
        BigDecimal maaned = null;
        BigDecimal dage14 = null;
        BigDecimal uge = null;
        BigDecimal dag = null;
        if (type.hasFradrag()) {
            maaned = BigDecimal.valueOf(300_000 + (seed % 40) * 5_000L, 2);
            BigDecimal year = maaned.multiply(BigDecimal.valueOf(12));
            dage14 = year.divide(BigDecimal.valueOf(26), 2, RoundingMode.HALF_UP);
            uge = year.divide(BigDecimal.valueOf(52), 2, RoundingMode.HALF_UP);
            dag = year.divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_UP);
        }
        BigDecimal frikort = type.hasFrikortBeloeb() ? BigDecimal.valueOf(4_000_000 + (seed % 200) * 10_000L, 2)
                : null;
        return new Skattekort(cpr, abonnentSe, anvendesFra.getYear(), type, anvendesFra, traek, p17, maaned, dage14,
                uge, dag, frikort, loebenummer);
    }
}
