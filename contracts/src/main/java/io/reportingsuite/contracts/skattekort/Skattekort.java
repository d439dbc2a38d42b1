package io.reportingsuite.contracts.skattekort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One skattekort (tax card) as SKAT delivers it to a subscriber, SPEC §3.9. Optional amounts are
 * {@code null} when absent. {@link #toString()} leaves out the CPR number: this value must never reach a
 * log line.
 *
 * @param cprNummer              the person's CPR number, ten digits
 * @param abonnentSENummer       the subscriber: the case system's SE number for the kommune
 * @param skatteaar              income year the card is for
 * @param kortType               svartype 0..7
 * @param anvendesFraDato        the card applies from this date
 * @param traekprocent           withholding percentage, 0–100 with two decimals
 * @param traekprocentParagraf17 §17 withholding percentage (types 3, 5, 6, 7), or null
 * @param fradragMaaned          monthly deduction (hovedkort only), or null
 * @param fradrag14Dage          14-day deduction (hovedkort only), or null
 * @param fradragUge             weekly deduction (hovedkort only), or null
 * @param fradragDag             daily deduction (hovedkort only), or null
 * @param frikortBeloeb          remaining frikort amount (frikort only), or null
 * @param skattekortLoebenummer  version of the card for this CPR and subscriber, from 1
 */
public record Skattekort(String cprNummer, String abonnentSENummer, int skatteaar, KortType kortType,
                         LocalDate anvendesFraDato, BigDecimal traekprocent, BigDecimal traekprocentParagraf17,
                         BigDecimal fradragMaaned, BigDecimal fradrag14Dage, BigDecimal fradragUge,
                         BigDecimal fradragDag, BigDecimal frikortBeloeb, int skattekortLoebenummer) {

    public Skattekort {
        Objects.requireNonNull(cprNummer, "cprNummer");
        Objects.requireNonNull(abonnentSENummer, "abonnentSENummer");
        Objects.requireNonNull(kortType, "kortType");
        Objects.requireNonNull(anvendesFraDato, "anvendesFraDato");
        Objects.requireNonNull(traekprocent, "traekprocent");
    }

    @Override
    public String toString() {
        return "Skattekort[abonnentSENummer=" + abonnentSENummer + ", skatteaar=" + skatteaar + ", kortType="
                + kortType + ", anvendesFraDato=" + anvendesFraDato + ", skattekortLoebenummer="
                + skattekortLoebenummer + "]";
    }
}
