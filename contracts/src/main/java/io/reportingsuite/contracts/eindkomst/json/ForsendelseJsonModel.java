package io.reportingsuite.contracts.eindkomst.json;

import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.FieldType;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import io.reportingsuite.contracts.eindkomst.RecordSpec;
import io.reportingsuite.contracts.eindkomst.ValueRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of an eIndkomst forsendelse, derived from {@link RecordLayouts} when this class loads, so it
 * cannot drift from the layouts that drive parser, validator and writer. Every field of a record becomes a
 * property named after its official name in camelCase ({@code Person_CPR-nr} → {@code personCprNr},
 * {@code Beløb} → {@code beloeb}), except what the platform computes or fixes: Lb_nr, Rec_nr, fillers, the
 * 6000 Fillerfelt and the whole 9999 record. N fields are strings of digits (codes and numbers keep their
 * leading zeros), dates ISO {@code yyyy-MM-dd}, times {@code HH:mm:ss}; a {@code X_heltal}/{@code X_decimaler}
 * pair becomes one non-negative integer {@code x} in hundredths (øre for Beløb, SPEC §3.7 assumption), the sign
 * staying in {@code fortegn}. A blank field is an absent property.
 *
 * <p>The tree follows SPEC §3.1: {@code indberetter} (1000), {@code virksomhed} (2001), {@code ansaettelser}
 * (2101, each with an optional {@code supplerendePersonoplysninger} 8001), {@code indkomster} (5000, each with
 * {@code personer}: 6000 with optional 8001 and {@code linjer} 6001–6005 told apart by {@code recNr}) and
 * {@code tilbagefoersler} (4101). One 2001 per forsendelse, as KOMBIT sends.
 */
public final class ForsendelseJsonModel {

    /** How a property holds its field(s). */
    public enum Kind {
        /** A field: the text without trailing blanks. */
        TEXT,
        /** N field: the digits as laid out (right-aligned, zero-padded). */
        DIGITS,
        /** N field with rule DATE: ISO {@code yyyy-MM-dd}. */
        DATE,
        /** N field with rule TIME: {@code HH:mm:ss}. */
        TIME,
        /** {@code X_heltal} + {@code X_decimaler}: an integer in hundredths; further decimals are zero. */
        HUNDREDTHS
    }

    /**
     * One JSON property of a record object.
     *
     * @param name   camelCase of the official name
     * @param fields the field it fills, or for {@link Kind#HUNDREDTHS} the heltal and decimaler fields
     */
    public record Property(String name, Kind kind, List<FieldSpec> fields) {

        public Property {
            fields = List.copyOf(fields);
        }

        public FieldSpec field() {
            return fields.get(0);
        }

        public boolean mandatory() {
            return fields.get(0).isMandatory();
        }
    }

    /**
     * A record type as a JSON object.
     *
     * @param constants field number → the value the platform always writes there (not a property)
     */
    public record RecordMapping(RecordSpec spec, List<Property> properties, Map<Integer, String> constants) {

        public RecordMapping {
            properties = List.copyOf(properties);
            constants = Map.copyOf(constants);
        }

        /** The property a field number belongs to, or null (Lb_nr, Rec_nr, fillers, constants). */
        public Property propertyOf(int fieldNumber) {
            for (Property p : properties) {
                for (FieldSpec f : p.fields()) {
                    if (f.number() == fieldNumber) {
                        return p;
                    }
                }
            }
            return null;
        }

        public Property property(String name) {
            for (Property p : properties) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    public static final String INDBERETTER = "indberetter";
    public static final String VIRKSOMHED = "virksomhed";
    public static final String ANSAETTELSER = "ansaettelser";
    public static final String INDKOMSTER = "indkomster";
    public static final String TILBAGEFOERSLER = "tilbagefoersler";
    public static final String SUPPLERENDE = "supplerendePersonoplysninger";
    public static final String PERSONER = "personer";
    public static final String LINJER = "linjer";
    /** Discriminator of a detail line: Rec_nr's name, the record type as text ({@code "6001"}). */
    public static final String REC_NR = camelCase(RecordLayouts.R6001.field(2).name());

    /** Numeric fields the SPEC fixes (6000 Fillerfelt: zeros, assumption of §3.6). */
    private static final Map<String, String> CONSTANT_FIELDS = Map.of("Fillerfelt", "00000000");
    private static final String WHOLE = "_heltal";
    private static final String DECIMALS = "_decimaler";

    public static final RecordMapping R1000 = map(RecordLayouts.R1000);
    public static final RecordMapping R2001 = map(RecordLayouts.R2001);
    public static final RecordMapping R2101 = map(RecordLayouts.R2101);
    public static final RecordMapping R8001 = map(RecordLayouts.R8001);
    public static final RecordMapping R5000 = map(RecordLayouts.R5000);
    public static final RecordMapping R6000 = map(RecordLayouts.R6000);
    public static final RecordMapping R4101 = map(RecordLayouts.R4101);
    /** Detail lines by {@code recNr}. */
    public static final Map<String, RecordMapping> LINES;

    static {
        Map<String, RecordMapping> lines = new LinkedHashMap<>();
        for (RecordSpec spec : List.of(RecordLayouts.R6001, RecordLayouts.R6002, RecordLayouts.R6003,
                RecordLayouts.R6004, RecordLayouts.R6005)) {
            lines.put(spec.type(), map(spec));
        }
        LINES = java.util.Collections.unmodifiableMap(lines);
    }

    private ForsendelseJsonModel() {
    }

    /** The mapping of any record type the model holds, or null (2111, 9999, unknown). */
    public static RecordMapping byType(String type) {
        return switch (type) {
            case "1000" -> R1000;
            case "2001" -> R2001;
            case "2101" -> R2101;
            case "8001" -> R8001;
            case "5000" -> R5000;
            case "6000" -> R6000;
            case "4101" -> R4101;
            default -> LINES.get(type);
        };
    }

    /** {@code Person_CPR-nr} → {@code personCprNr}; æ, ø, å → ae, oe, aa. */
    public static String camelCase(String officialName) {
        String ascii = officialName.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa");
        StringBuilder sb = new StringBuilder();
        for (String part : ascii.split("[_\\-/ ]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String lower = part.toLowerCase(Locale.ROOT);
            sb.append(sb.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
        }
        return sb.toString();
    }

    private static RecordMapping map(RecordSpec spec) {
        List<Property> properties = new ArrayList<>();
        Map<Integer, String> constants = new LinkedHashMap<>();
        List<FieldSpec> fields = spec.fields();
        for (int i = spec.typeFieldNumber(); i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            if (f.type() == FieldType.FILLER) {
                continue;
            }
            if (CONSTANT_FIELDS.containsKey(f.name())) {
                constants.put(f.number(), CONSTANT_FIELDS.get(f.name()));
                continue;
            }
            if (f.name().endsWith(WHOLE) && i + 1 < fields.size()) {
                String stem = f.name().substring(0, f.name().length() - WHOLE.length());
                FieldSpec decimals = fields.get(i + 1);
                if (decimals.name().equals(stem + DECIMALS) && decimals.type() == FieldType.N
                        && decimals.length() >= 2 && f.type() == FieldType.N) {
                    properties.add(new Property(camelCase(stem), Kind.HUNDREDTHS, List.of(f, decimals)));
                    i++;
                    continue;
                }
            }
            properties.add(new Property(camelCase(f.name()), kindOf(f), List.of(f)));
        }
        return new RecordMapping(spec, properties, constants);
    }

    private static Kind kindOf(FieldSpec f) {
        if (f.type() == FieldType.A) {
            return Kind.TEXT;
        }
        if (f.rule() == ValueRule.DATE) {
            return Kind.DATE;
        }
        return f.rule() == ValueRule.TIME ? Kind.TIME : Kind.DIGITS;
    }
}
