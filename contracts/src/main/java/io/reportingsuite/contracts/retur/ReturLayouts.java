package io.reportingsuite.contracts.retur;

import static io.reportingsuite.contracts.eindkomst.FieldSpec.a;
import static io.reportingsuite.contracts.eindkomst.FieldSpec.n;

import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.RecordSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Return-file layouts (SPEC §4), described with the same {@link RecordSpec} machinery as eIndkomst. Return
 * records have no Lb_nr: they start with the 4-character Recordart. Positions marked [DERIVED] or
 * [ASSUMPTION] in the SPEC are assumptions A9 and A10.
 */
public final class ReturLayouts {

    public static final RecordSpec R0001 = record("0001", 63,
            a(2, "Hovedindberetningsid", 5, 16).mandatory(),
            n(3, "Dato_sendt", 21, 8),
            n(4, "Klok_sendt", 29, 6),
            n(5, "Indberetter_SE-nr", 35, 8),
            a(6, "Edb-system", 43, 20),
            a(7, "Status", 63, 1).mandatory().allowed("*", "A", "D", "M"));

    public static final RecordSpec R0002 = record("0002", 139,
            n(2, "Lb_nr", 5, 7).mandatory(),
            n(3, "Feltnr", 12, 2).mandatory(),
            a(4, "Indberetningsid", 14, 16),
            n(5, "SE-nummer", 30, 8),
            n(6, "Fejlnr", 38, 4).mandatory(),
            a(7, "Fejltekst", 42, 80),
            n(8, "Cprnr", 122, 10),
            n(9, "Senrperson", 132, 8));

    public static final RecordSpec R7100 = record("7100", 90,
            n(2, "Pligt-SE", 5, 8).mandatory(),
            a(3, "Indberetningsid", 13, 16),
            n(4, "Periode_start", 29, 8),
            n(5, "Periode_slut", 37, 8),
            n(6, "Feltnr", 45, 4).mandatory(),
            n(7, "Antal_linjer", 49, 7).mandatory(),
            n(8, "Beløb", 56, 14).mandatory(),
            a(9, "Fortegn", 70, 1).mandatory().allowed("+", "-"),
            a(10, "Edb-system", 71, 20));

    public static final RecordSpec R9999 = record("9999", 11,
            n(2, "Antal_Records", 5, 7).mandatory());

    private ReturLayouts() {
    }

    private static RecordSpec record(String type, int length, FieldSpec... rest) {
        List<FieldSpec> fields = new ArrayList<>();
        fields.add(n(1, "Recordart", 1, 4).mandatory().allowed(type));
        fields.addAll(List.of(rest));
        return new RecordSpec(type, length, fields, 1);
    }
}
