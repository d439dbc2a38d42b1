package io.reportingsuite.contracts.retur;

import static io.reportingsuite.contracts.retur.ReturCodec.digits;
import static io.reportingsuite.contracts.retur.ReturCodec.text;

import io.reportingsuite.contracts.eindkomst.RecordBuilder;

/**
 * Record 7100 of a sumkvittering (SPEC §4.3, assumption A10): the accepted total of one feltnr for one
 * pligt-SE and indberetningsid. The amount is kept as unsigned øre plus Fortegn, exactly as written.
 */
public record Sumrecord(String pligtSe, String indberetningsId, String periodeStart, String periodeSlut,
                        int feltnr, long antalLinjer, long beloebOere, char fortegn, String edbSystem) {

    public Sumrecord {
        pligtSe = digits(pligtSe, 8, "Pligt-SE");
        if (pligtSe.isEmpty()) {
            throw new IllegalArgumentException("Pligt-SE is required.");
        }
        indberetningsId = text(indberetningsId, 16, "Indberetningsid");
        periodeStart = digits(periodeStart, 8, "Periode_start");
        periodeSlut = digits(periodeSlut, 8, "Periode_slut");
        if (feltnr < 0 || feltnr > 9_999 || antalLinjer < 0 || antalLinjer > 9_999_999
                || beloebOere < 0 || beloebOere > 99_999_999_999_999L) {
            throw new IllegalArgumentException("Feltnr, Antal_linjer or Beløb is out of range.");
        }
        if (fortegn != '+' && fortegn != '-') {
            throw new IllegalArgumentException("Fortegn must be + or -.");
        }
        edbSystem = text(edbSystem, 20, "Edb-system");
    }

    /** The signed amount in øre. */
    public long signedOere() {
        return fortegn == '-' ? -beloebOere : beloebOere;
    }

    RecordBuilder toRecord() {
        return RecordBuilder.of(ReturLayouts.R7100)
                .set(2, pligtSe)
                .set(3, indberetningsId)
                .set(4, periodeStart)
                .set(5, periodeSlut)
                .set(6, feltnr)
                .set(7, antalLinjer)
                .set(8, beloebOere)
                .set(9, String.valueOf(fortegn))
                .set(10, edbSystem);
    }

    static Sumrecord from(ReturCodec.Line line) {
        return new Sumrecord(line.get(2), line.get(3), line.get(4), line.get(5), (int) line.number(6),
                line.number(7), line.number(8), line.get(9).charAt(0), line.get(10));
    }
}
