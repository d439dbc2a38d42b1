package io.reportingsuite.contracts.eindkomst;

import static io.reportingsuite.contracts.eindkomst.FieldSpec.a;
import static io.reportingsuite.contracts.eindkomst.FieldSpec.filler;
import static io.reportingsuite.contracts.eindkomst.FieldSpec.n;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All eIndkomst record layouts (SPEC §3.2–§3.8), the single description that drives parser, validator and
 * writer. Positions marked (S19) in the SPEC come from a secondary source and are assumption A7.
 */
public final class RecordLayouts {

    public static final RecordSpec R1000 = record("1000", 142,
            n(3, "Dato_sendt", 12, 8).rule(ValueRule.DATE),
            n(4, "Klok_sendt", 20, 6).rule(ValueRule.TIME),
            n(5, "Indberetter_SE-nr", 26, 8).mandatory().rule(ValueRule.SE),
            n(6, "Indberetter_CVR-nr", 34, 8).rule(ValueRule.SE),
            n(7, "Indberetter_type", 42, 2).allowed("01", "02"),
            filler(8, 44, 5),
            n(9, "Indberetningsmetode", 49, 1),
            a(10, "Edb-system", 50, 20),
            a(11, "Edb_system_version", 70, 20),
            a(12, "Hoved_indberetnings_id", 90, 16).mandatory().rule(ValueRule.HOVED_ID),
            a(13, "Format_version", 106, 3),
            a(14, "Test-markering", 109, 1).allowed("T", "P"),
            filler(15, 110, 32),
            a(16, "System", 142, 1).allowed("E", "L"));

    public static final RecordSpec R2001 = record("2001", 39,
            filler(3, 12, 16),
            n(4, "Virksomhed_SE-nr", 28, 8).mandatory().rule(ValueRule.SE),
            a(5, "Virk_ophør_hos_LSB", 36, 1).allowed("A"),
            a(6, "Valutakode", 37, 3).allowed("DKK"));

    public static final RecordSpec R2101 = record("2101", 144,
            n(3, "Person_CPR-nr", 12, 10).rule(ValueRule.CPR),
            n(4, "Person_CVR/SE-nr", 22, 8).rule(ValueRule.SE),
            a(5, "Medarbejdernr", 30, 15),
            n(6, "Ansættelsesdato", 45, 8).mandatory().rule(ValueRule.DATE),
            n(7, "Fratrædelsesdato", 53, 8).rule(ValueRule.DATE),
            filler(8, 61, 24),
            n(9, "Skattekort_type", 85, 1).allowed("1", "2", "6", "7"),
            n(10, "Anvendes_fra", 86, 8).rule(ValueRule.DATE),
            a(11, "Suppl_opl_medarbejdernr", 94, 50).apostrophe(Apostrophe.WARN),
            a(12, "Genrekvisition", 144, 1).allowed("R"));

    /** LetLøn only and undocumented in SPEC: kept opaque (see README, rule K04). */
    public static final RecordSpec R2111 = record("2111", 200,
            a(3, "LetLøn_data", 12, 189).apostrophe(Apostrophe.ALLOWED));

    public static final RecordSpec R8001 = record("8001", 146,
            n(3, "Fødselsdato", 12, 8).rule(ValueRule.DATE),
            n(4, "Køn", 20, 1).allowed("1", "2", "3"),
            a(5, "Landekode", 21, 2).rule(ValueRule.COUNTRY),
            a(6, "Person_navn", 23, 40).apostrophe(Apostrophe.ALLOWED),
            a(7, "Person_gadeadresse", 63, 40).apostrophe(Apostrophe.ALLOWED),
            a(8, "Person_postnr", 103, 9),
            a(9, "Person_postby", 112, 35).apostrophe(Apostrophe.ALLOWED));

    public static final RecordSpec R5000 = record("5000", 75,
            a(3, "Rettelse_tidl_periode", 12, 1).allowed("R"),
            a(4, "Indberetnings_id", 13, 16).mandatory(),
            a(5, "Reference_id", 29, 16),
            n(6, "Lønperiode_start", 45, 8).mandatory().rule(ValueRule.DATE),
            n(7, "Lønperiode_slut", 53, 8).mandatory().rule(ValueRule.DATE),
            n(8, "Dispositionsdato", 61, 8).mandatory().rule(ValueRule.DATE),
            filler(9, 69, 1),
            a(10, "Forud/bagud-markering", 70, 1).allowed("F", "B"),
            n(11, "Grønlandsk_kommune", 71, 3),
            n(12, "Indkomsttype", 74, 2).mandatory().rule(ValueRule.INDKOMSTTYPE));

    public static final RecordSpec R6000 = record("6000", 96,
            n(3, "Fillerfelt", 12, 8).mandatory(),
            n(4, "Person_CPR-nr", 20, 10).rule(ValueRule.CPR),
            n(5, "Person_CVR/SE-nr", 30, 8).rule(ValueRule.SE),
            a(6, "Person_medarbejder_nr", 38, 15),
            a(7, "E101-attest", 53, 1).allowed("E"),
            n(8, "Indtægtsart", 54, 4),
            n(9, "Produktionsenhedsnummer", 58, 10),
            a(10, "TIN", 68, 27),
            a(11, "TIN_landekode", 95, 2).rule(ValueRule.COUNTRY));

    public static final RecordSpec R6001 = record("6001", 32,
            n(3, "Feltnr", 12, 4).mandatory().rule(ValueRule.FELTNR),
            n(4, "Beløb_heltal", 16, 10).mandatory(),
            n(5, "Beløb_decimaler", 26, 6).mandatory(),
            a(6, "Fortegn", 32, 1).mandatory().rule(ValueRule.SIGN));

    public static final RecordSpec R6002 = record("6002", 25,
            n(3, "Feltnr", 12, 4).mandatory().rule(ValueRule.FELTNR),
            a(4, "Kodefelt", 16, 10).mandatory());

    public static final RecordSpec R6003 = record("6003", 16,
            n(3, "Feltnr", 12, 4).mandatory().rule(ValueRule.FELTNR),
            a(4, "Krydsfelt", 16, 1).mandatory().allowed("X"));

    public static final RecordSpec R6004 = record("6004", 73,
            n(3, "Feltnr", 12, 4).mandatory().rule(ValueRule.FELTNR),
            a(4, "Fritekstfelt", 16, 58).mandatory().apostrophe(Apostrophe.ALLOWED));

    public static final RecordSpec R6005 = record("6005", 24,
            n(3, "Feltnr", 12, 4).mandatory().rule(ValueRule.FELTNR),
            n(4, "Antal_heltal", 16, 6).mandatory(),
            n(5, "Antal_decimaler", 22, 2).mandatory(),
            a(6, "Fortegn", 24, 1).mandatory().rule(ValueRule.SIGN));

    public static final RecordSpec R4101 = record("4101", 55,
            a(3, "Indberetnings_id", 12, 16).mandatory(),
            a(4, "Reference_id", 28, 16),
            filler(5, 44, 1),
            a(6, "Tilbageførsel-markering", 45, 1),
            n(7, "Person_CPR-nr", 46, 10).rule(ValueRule.CPR));

    public static final RecordSpec R9999 = record("9999", 18,
            n(3, "Antal_records", 12, 7).mandatory());

    /** Shortest possible line: Lb_nr and Rec_nr (rule E02). */
    public static final int MIN_LINE_LENGTH = 11;

    private static final RecordSpec[] BY_TYPE = new RecordSpec[10_000];
    private static final Map<String, RecordSpec> ALL = new TreeMap<>();

    static {
        for (RecordSpec spec : List.of(R1000, R2001, R2101, R2111, R8001, R5000, R6000, R6001, R6002, R6003,
                R6004, R6005, R4101, R9999)) {
            BY_TYPE[Integer.parseInt(spec.type())] = spec;
            ALL.put(spec.type(), spec);
        }
    }

    private RecordLayouts() {
    }

    /** Layout for a numeric record type, or null when the type is unknown. */
    public static RecordSpec byType(int type) {
        return type >= 0 && type < BY_TYPE.length ? BY_TYPE[type] : null;
    }

    public static RecordSpec byType(String type) {
        return ALL.get(type);
    }

    /** All layouts, ordered by type. */
    public static Map<String, RecordSpec> all() {
        return Collections.unmodifiableMap(ALL);
    }

    /** Longest record of any type: the parser keeps no more of a line than this. */
    public static int maxLength() {
        return ALL.values().stream().mapToInt(RecordSpec::length).max().orElseThrow();
    }

    private static RecordSpec record(String type, int length, FieldSpec... rest) {
        List<FieldSpec> fields = new ArrayList<>();
        fields.add(n(1, "Lb_nr", 1, 7).mandatory());
        fields.add(n(2, "Rec_nr", 8, 4).mandatory().allowed(type));
        fields.addAll(List.of(rest));
        return new RecordSpec(type, length, fields, 2);
    }
}
