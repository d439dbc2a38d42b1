package io.reportingsuite.contracts.eindkomst.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import io.reportingsuite.contracts.finding.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding findings and validator findings name the JSON pointer they come from, and it resolves. */
class ForsendelseJsonEncoderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode document() {
        return ForsendelseJsonDecoder.decode(ForsendelseJsonFixtures.kyFile()).document();
    }

    private static List<PointedFinding> validate(ObjectNode doc) {
        ForsendelseJsonEncoder.Encoded encoded = ForsendelseJsonEncoder.encode(doc);
        assertThat(encoded.problems()).isEmpty();
        ValidationResult result = EIndkomstValidator.validate(encoded.file(),
                ValidationOptions.defaults().withSystem(CaseSystem.KY));
        return encoded.sourceMap().point(result.findings());
    }

    private static void assertResolves(JsonNode doc, List<PointedFinding> findings) {
        for (PointedFinding f : findings) {
            assertThat(doc.at(f.pointer()).isMissingNode()).as(f.pointer()).isFalse();
        }
    }

    @Test
    void theFixtureIsValidAndUsesEveryPartOfTheModel() {
        ObjectNode doc = document();
        assertThat(validate(doc)).isEmpty();
        assertThat(doc.at("/ansaettelser/0/supplerendePersonoplysninger/personPostby").asText()).isEqualTo("Århus C");
        assertThat(doc.at("/indkomster/0/personer/0/linjer/1/beloeb").asLong()).isEqualTo(3_950);
        assertThat(doc.at("/indkomster/0/personer/0/linjer/1/fortegn").asText()).isEqualTo("-");
        assertThat(doc.at("/indkomster/0/personer/0/linjer/5/antal").asLong()).isEqualTo(16_050);
        assertThat(doc.at("/tilbagefoersler/0/indberetningsId").asText()).isEqualTo("KY20241200000001");
    }

    @Test
    void validatorFindingsMapToThePropertyTheyCameFrom() {
        ObjectNode doc = document();
        ((ObjectNode) doc.at("/virksomhed")).put("virksomhedSeNr", "31500029");
        ((ObjectNode) doc.at("/indkomster/0/personer/0")).put("personCprNr", "3111311234");
        ((ObjectNode) doc.at("/indkomster/0/personer/0/linjer/2")).put("feltnr", "0000");
        ((ObjectNode) doc.at("/indkomster/0/personer/0/linjer/1")).put("fortegn", "X");
        ((ObjectNode) doc.at("/indkomster/0")).remove("loenperiodeSlut");

        List<PointedFinding> findings = validate(doc);

        assertThat(findings).extracting(f -> f.finding().rule(), PointedFinding::pointer).containsExactly(
                tuple("F11", "/virksomhed/virksomhedSeNr"),
                // absent mandatory property: the object that lacks it
                tuple("F01", "/indkomster/0"),
                tuple("F10", "/indkomster/0/personer/0/personCprNr"),
                tuple("F14", "/indkomster/0/personer/0/linjer/1/fortegn"),
                tuple("F13", "/indkomster/0/personer/0/linjer/2/feltnr"));
        assertResolves(doc, findings);
        assertThat(findings.get(0).finding()).extracting(Finding::line, Finding::recordType, Finding::field)
                .containsExactly(2L, "2001", 4);
    }

    @Test
    void whatCannotBeWrittenIsRefusedWithPointersAndNoFile() throws Exception {
        ObjectNode doc = document();
        doc.put("extra", 1);
        ((ObjectNode) doc.at("/indberetter")).put("datoSendt", "2025-13-01");
        ((ObjectNode) doc.at("/indberetter")).put("hovedIndberetningsId", "A2025KY0000000420000");
        ((ObjectNode) doc.at("/virksomhed")).put("virksomhedSeNr", 31500028);
        ((ObjectNode) doc.at("/indkomster/0/personer/0/linjer/0")).put("beloeb", "10500.00");
        ((ObjectNode) doc.at("/indkomster/0/personer/0/linjer/1")).put("beloeb", -1);
        ((ObjectNode) doc.at("/indkomster/0/personer/0/linjer/2")).put("recNr", "6009");
        ((ObjectNode) doc.at("/ansaettelser/0")).put("personCprNr", "01023l1234");
        ((ArrayNode) doc.at("/tilbagefoersler")).add("not an object");

        ForsendelseJsonEncoder.Encoded encoded = ForsendelseJsonEncoder.encode(doc);

        assertThat(encoded.written()).isFalse();
        assertThat(encoded.problems()).extracting(f -> f.finding().rule(), PointedFinding::pointer)
                .containsExactlyInAnyOrder(
                        tuple("J02", "/extra"),
                        tuple("J04", "/indberetter/datoSendt"),
                        tuple("J03", "/indberetter/hovedIndberetningsId"),
                        tuple("J01", "/virksomhed/virksomhedSeNr"),
                        tuple("J03", "/ansaettelser/0/personCprNr"),
                        tuple("J01", "/indkomster/0/personer/0/linjer/0/beloeb"),
                        tuple("J03", "/indkomster/0/personer/0/linjer/1/beloeb"),
                        tuple("J01", "/indkomster/0/personer/0/linjer/2/recNr"),
                        tuple("J01", "/tilbagefoersler/1"));
        assertResolves(doc, encoded.problems());
        assertThat(MAPPER.writeValueAsString(encoded.problems())).doesNotContain("3112311234", "01023l1234",
                "10500");
    }

    @Test
    void missingTopLevelObjectsAndWrongShapes() {
        ForsendelseJsonEncoder.Encoded encoded = ForsendelseJsonEncoder.encode(
                MAPPER.valueToTree(Map.of("indkomster", Map.of())));
        assertThat(encoded.problems()).extracting(f -> f.finding().rule(), PointedFinding::pointer)
                .containsExactly(tuple("J01", ""), tuple("J01", ""), tuple("J01", "/indkomster"));
        assertThat(ForsendelseJsonEncoder.encode(MAPPER.valueToTree(List.of())).problems()).hasSize(1);
    }

    @Test
    void sha256AndRecordCountDescribeTheFile() {
        ForsendelseJsonEncoder.Encoded encoded = ForsendelseJsonEncoder.encode(document());
        assertThat(encoded.file()).isEqualTo(ForsendelseJsonFixtures.kyFile());
        assertThat(encoded.records()).isEqualTo(14);
        assertThat(encoded.sha256()).hasSize(64);
        assertThat(encoded.sourceMap().pointerOfLine(14)).isEmpty();
        assertThat(encoded.sourceMap().pointerOfLine(4)).isEqualTo("/ansaettelser/0/supplerendePersonoplysninger");
    }
}
