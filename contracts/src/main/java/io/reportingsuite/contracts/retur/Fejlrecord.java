package io.reportingsuite.contracts.retur;

import static io.reportingsuite.contracts.retur.ReturCodec.digits;
import static io.reportingsuite.contracts.retur.ReturCodec.text;

import io.reportingsuite.contracts.eindkomst.RecordBuilder;

/**
 * Record 0002: one error or warning (SPEC §4.1). It may carry a CPR number, so {@link #toString()} masks
 * it: this value must be safe to log by accident.
 */
public record Fejlrecord(long lbNr, int feltnr, String indberetningsId, String seNummer, int fejlnr,
                         String fejltekst, String cprnr, String senrperson) {

    public Fejlrecord {
        range(lbNr, 9_999_999, "Lb_nr");
        range(feltnr, 99, "Feltnr");
        range(fejlnr, 9_999, "Fejlnr");
        indberetningsId = text(indberetningsId, 16, "Indberetningsid");
        seNummer = digits(seNummer, 8, "SE-nummer");
        fejltekst = text(fejltekst, 80, "Fejltekst");
        cprnr = digits(cprnr, 10, "Cprnr");
        senrperson = digits(senrperson, 8, "Senrperson");
    }

    private static void range(long value, long max, String name) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be between 0 and " + max + ".");
        }
    }

    RecordBuilder toRecord() {
        return RecordBuilder.of(ReturLayouts.R0002)
                .set(2, lbNr)
                .set(3, feltnr)
                .set(4, indberetningsId)
                .set(5, seNummer)
                .set(6, fejlnr)
                .set(7, fejltekst)
                .set(8, cprnr)
                .set(9, senrperson);
    }

    static Fejlrecord from(ReturCodec.Line line) {
        return new Fejlrecord(line.number(2), (int) line.number(3), line.get(4), line.get(5),
                (int) line.number(6), line.get(7), line.get(8), line.get(9));
    }

    @Override
    public String toString() {
        return "Fejlrecord[lbNr=" + lbNr + ", feltnr=" + feltnr + ", fejlnr=" + fejlnr + ", cprnr="
                + (cprnr.isEmpty() ? "" : "**********") + "]";
    }
}
