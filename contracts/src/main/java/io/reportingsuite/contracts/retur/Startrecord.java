package io.reportingsuite.contracts.retur;

import static io.reportingsuite.contracts.retur.ReturCodec.digits;
import static io.reportingsuite.contracts.retur.ReturCodec.text;

import io.reportingsuite.contracts.eindkomst.RecordBuilder;

/**
 * Record 0001 of a fejladvisering or sumkvittering (SPEC §4.1). Optional numeric fields are empty or
 * full-length digit strings, so the value renders exactly as it was parsed.
 *
 * @param status {@code *} platform error, SKAT: {@code A} rejected, {@code D} partly rejected, {@code M}
 *               received
 */
public record Startrecord(String hovedIndberetningId, String datoSendt, String klokSendt, String indberetterSeNr,
                          String edbSystem, char status) {

    public Startrecord {
        hovedIndberetningId = text(hovedIndberetningId, 16, "Hovedindberetningsid");
        if (hovedIndberetningId.isEmpty()) {
            throw new IllegalArgumentException("Hovedindberetningsid is required.");
        }
        datoSendt = digits(datoSendt, 8, "Dato_sendt");
        klokSendt = digits(klokSendt, 6, "Klok_sendt");
        indberetterSeNr = digits(indberetterSeNr, 8, "Indberetter_SE-nr");
        edbSystem = text(edbSystem, 20, "Edb-system");
        if ("*ADM".indexOf(status) < 0) {
            throw new IllegalArgumentException("Status must be *, A, D or M.");
        }
    }

    RecordBuilder toRecord() {
        return RecordBuilder.of(ReturLayouts.R0001)
                .set(2, hovedIndberetningId)
                .set(3, datoSendt)
                .set(4, klokSendt)
                .set(5, indberetterSeNr)
                .set(6, edbSystem)
                .set(7, String.valueOf(status));
    }

    static Startrecord from(ReturCodec.Line line) {
        return new Startrecord(line.get(2), line.get(3), line.get(4), line.get(5), line.get(6),
                line.get(7).charAt(0));
    }
}
