package io.reportingsuite.contracts.eindkomst.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.contracts.eindkomst.RecordLayouts;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.Property;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonModel.RecordMapping;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model and its schema come from the layouts: names, lengths, mandatory fields. */
class ForsendelseJsonSchemaTest {

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void namesFollowTheOfficialFieldNames() {
        assertThat(ForsendelseJsonModel.camelCase("Person_CPR-nr")).isEqualTo("personCprNr");
        assertThat(ForsendelseJsonModel.camelCase("Virk_ophør_hos_LSB")).isEqualTo("virkOphoerHosLsb");
        assertThat(ForsendelseJsonModel.camelCase("Forud/bagud-markering")).isEqualTo("forudBagudMarkering");
        assertThat(ForsendelseJsonModel.camelCase("Ansættelsesdato")).isEqualTo("ansaettelsesdato");
        assertThat(ForsendelseJsonModel.R5000.property("indkomsttype").field())
                .isSameAs(RecordLayouts.R5000.field("Indkomsttype"));
        assertThat(ForsendelseJsonModel.LINES.get("6001").properties()).extracting(Property::name)
                .containsExactly("feltnr", "beloeb", "fortegn");
        assertThat(ForsendelseJsonModel.LINES.get("6005").properties()).extracting(Property::name)
                .containsExactly("feltnr", "antal", "fortegn");
        assertThat(ForsendelseJsonModel.R6000.properties()).extracting(Property::name).doesNotContain("fillerfelt");
    }

    @Test
    void everyLayoutFieldIsAPropertyOrComputedOrFixed() {
        for (String type : List.of("1000", "2001", "2101", "8001", "5000", "6000", "6001", "6002", "6003", "6004",
                "6005", "4101")) {
            RecordMapping m = ForsendelseJsonModel.byType(type);
            m.spec().fields().forEach(f -> {
                boolean computed = f.number() <= 2;
                boolean filler = f.type() == io.reportingsuite.contracts.eindkomst.FieldType.FILLER;
                boolean fixed = m.constants().containsKey(f.number());
                assertThat(computed || filler || fixed || m.propertyOf(f.number()) != null)
                        .as(type + " " + f).isTrue();
            });
        }
    }

    @Test
    void theSchemaHasOneDefinitionPerRecordWithTheModelsProperties() {
        ObjectNode schema = ForsendelseJsonSchema.generate();
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(names(schema.get("properties"))).containsExactly("indberetter", "virksomhed", "ansaettelser",
                "indkomster", "tilbagefoersler");
        Map<String, RecordMapping> defs = Map.of("indberetter", ForsendelseJsonModel.R1000,
                "virksomhed", ForsendelseJsonModel.R2001, "ansaettelse", ForsendelseJsonModel.R2101,
                "supplerendePersonoplysninger", ForsendelseJsonModel.R8001,
                "indkomst", ForsendelseJsonModel.R5000, "person", ForsendelseJsonModel.R6000,
                "linje6001", ForsendelseJsonModel.LINES.get("6001"), "tilbagefoersel", ForsendelseJsonModel.R4101);
        defs.forEach((def, m) -> {
            JsonNode node = schema.at("/$defs/" + def);
            assertThat(node.get("additionalProperties").asBoolean()).isFalse();
            assertThat(names(node.get("properties"))).containsAll(m.properties().stream().map(Property::name).toList());
        });
        assertThat(schema.at("/$defs/indkomst/required").toString()).contains("indberetningsId", "indkomsttype");
        assertThat(schema.at("/$defs/indberetter/properties/hovedIndberetningsId/maxLength").asInt()).isEqualTo(16);
        assertThat(schema.at("/$defs/linje6001/properties/beloeb/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/$defs/linje6001/properties/beloeb/maximum").asLong()).isEqualTo(999_999_999_999L);
        assertThat(schema.at("/$defs/linje6001/properties/fortegn/maxLength").asInt()).isEqualTo(1);
        assertThat(schema.at("/$defs/linje6001/properties/recNr/const").asText()).isEqualTo("6001");
        assertThat(schema.at("/$defs/linje/oneOf").size()).isEqualTo(5);
        assertThat(schema.at("/$defs/virksomhed/properties/valutakode/enum/0").asText()).isEqualTo("DKK");
        assertThat(schema.at("/$defs/indberetter/properties/datoSendt/format").asText()).isEqualTo("date");
    }

    @Test
    void generationIsDeterministic() {
        assertThat(ForsendelseJsonSchema.generate()).isEqualTo(ForsendelseJsonSchema.generate());
        assertThat(ForsendelseJsonSchema.generate().toString()).isEqualTo(ForsendelseJsonSchema.generate().toString());
    }
}
