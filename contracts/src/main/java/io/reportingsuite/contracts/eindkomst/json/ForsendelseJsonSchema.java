package io.reportingsuite.contracts.eindkomst.json;

import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.ANSAETTELSER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.INDBERETTER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.INDKOMSTER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.LINJER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.PERSONER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.REC_NR;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.SUPPLERENDE;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.TILBAGEFOERSLER;
import static io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.VIRKSOMHED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.contracts.eindkomst.FieldSpec;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.Property;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.RecordMapping;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON Schema (draft 2020-12) of {@link ForsendelseJsonModel}, generated from the same layout data, so
 * what is served is what the encoder reads. It states the shape (types, lengths, digits, allowed values,
 * mandatory fields); the content rules (CPR, SE modulus 11, KOMBIT rules) stay the validator's.
 */
public final class ForsendelseJsonSchema {

    public static final String ID = "urn:reportingsuite:eindkomst:forsendelse:1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ForsendelseJsonSchema() {
    }

    /** A fresh copy of the schema. */
    public static ObjectNode generate() {
        ObjectNode schema = JSON.objectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$id", ID)
                .put("title", "eIndkomst forsendelse")
                .put("description", "An eIndkomst forsendelse (SPEC §3) as JSON. Lb_nr, Rec_nr, fillers and record"
                        + " 9999 are computed by the encoder and never sent.");
        ObjectNode defs = JSON.objectNode();
        defs.set(INDBERETTER, record(ForsendelseJsonModel.R1000, Map.of()));
        defs.set(VIRKSOMHED, record(ForsendelseJsonModel.R2001, Map.of()));
        defs.set(SUPPLERENDE, record(ForsendelseJsonModel.R8001, Map.of()));
        defs.set("ansaettelse", record(ForsendelseJsonModel.R2101, Map.of(SUPPLERENDE, ref(SUPPLERENDE))));
        ArrayNode lines = JSON.arrayNode();
        ForsendelseJsonModel.LINES.forEach((type, m) -> {
            defs.set("linje" + type, record(m, Map.of(REC_NR, JSON.objectNode().put("const", type))));
            ((ObjectNode) defs.get("linje" + type)).withArray("required").insert(0, REC_NR);
            lines.add(ref("linje" + type));
        });
        defs.set("linje", JSON.objectNode().set("oneOf", lines));
        defs.set("person", record(ForsendelseJsonModel.R6000, Map.of(SUPPLERENDE, ref(SUPPLERENDE),
                LINJER, arrayOf("linje"))));
        defs.set("indkomst", record(ForsendelseJsonModel.R5000, Map.of(PERSONER, arrayOf("person"))));
        defs.set("tilbagefoersel", record(ForsendelseJsonModel.R4101, Map.of()));

        ObjectNode properties = JSON.objectNode();
        properties.set(INDBERETTER, ref(INDBERETTER));
        properties.set(VIRKSOMHED, ref(VIRKSOMHED));
        properties.set(ANSAETTELSER, arrayOf("ansaettelse"));
        properties.set(INDKOMSTER, arrayOf("indkomst"));
        properties.set(TILBAGEFOERSLER, arrayOf("tilbagefoersel"));
        schema.put("type", "object");
        schema.set("properties", properties);
        schema.set("required", JSON.arrayNode().add(INDBERETTER).add(VIRKSOMHED));
        schema.put("additionalProperties", false);
        schema.set("$defs", defs);
        return schema;
    }

    private static ObjectNode record(RecordMapping m, Map<String, ObjectNode> children) {
        ObjectNode properties = JSON.objectNode();
        ArrayNode required = JSON.arrayNode();
        children.entrySet().stream().filter(e -> e.getKey().equals(REC_NR))
                .forEach(e -> properties.set(e.getKey(), e.getValue()));
        for (Property p : m.properties()) {
            properties.set(p.name(), property(m, p));
            if (p.mandatory()) {
                required.add(p.name());
            }
        }
        children.entrySet().stream().filter(e -> !e.getKey().equals(REC_NR))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> properties.set(e.getKey(), e.getValue()));
        ObjectNode node = JSON.objectNode().put("type", "object")
                .put("description", "Record " + m.spec().type() + ".");
        node.set("properties", properties);
        node.set("required", required);
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode property(RecordMapping m, Property p) {
        FieldSpec f = p.field();
        String fields = p.fields().stream().map(x -> x.number() + " " + x.name()).collect(Collectors.joining(", "));
        ObjectNode node = JSON.objectNode().put("title", f.name())
                .put("description", "Record " + m.spec().type() + " field " + fields + " (position " + f.position()
                        + ", length " + f.length() + ").");
        switch (p.kind()) {
            case TEXT -> node.put("type", "string").put("maxLength", f.length());
            case DIGITS -> node.put("type", "string").put("pattern", "^[0-9]{1," + f.length() + "}$");
            case DATE -> node.put("type", "string").put("format", "date")
                    .put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
            case TIME -> node.put("type", "string").put("pattern", "^[0-9]{2}:[0-9]{2}:[0-9]{2}$");
            case HUNDREDTHS -> node.put("type", "integer").put("minimum", 0)
                    .put("maximum", BigInteger.TEN.pow(f.length() + 2).subtract(BigInteger.ONE))
                    .put("description", node.get("description").asText()
                            + " In hundredths (øre for amounts); the sign is fortegn.");
            default -> throw new IllegalStateException();
        }
        if (!f.allowed().isEmpty()) {
            ArrayNode values = node.putArray("enum");
            f.allowed().forEach(values::add);
        }
        return node;
    }

    private static ObjectNode ref(String def) {
        return JSON.objectNode().put("$ref", "#/$defs/" + def);
    }

    private static ObjectNode arrayOf(String def) {
        ObjectNode node = JSON.objectNode().put("type", "array");
        node.set("items", ref(def));
        return node;
    }
}
