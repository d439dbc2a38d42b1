package io.reportingsuite.debt;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * SOAP and REST give the same answer for every employer of the demo ledger (the one {@code ./suite up}
 * loads), for public procurement and art. 30bis; and the demo ledger shows every outcome.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = DevStackTestResource.DATABASE, value = "debt"))
class SoapRestAgreementTest {

    /** The size {@code scripts/endpoints.d} loads. */
    static final int DEMO_EMPLOYERS = 3000;
    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    static final String NS = "http://socialsecurity.be/xml/ns/accountbalance";

    enum Outcome { NO_DEBT, DEBT_BELOW_THRESHOLD, DEBT_ABOVE_THRESHOLD_PAYMENT_PLAN_FOLLOWED, DEBT_ABOVE_THRESHOLD,
        MISSING_DECLARATIONS }

    @Test
    void soapAndRestAgreeOnTheWholeDemoLedger() throws Exception {
        String json = DemoLedger.generate("demo-agreement", 0, DEMO_EMPLOYERS, TODAY, 8).toString();
        Ledger.importJson(json).statusCode(Matchers.oneOf(200, 201));
        Set<String> outcomes = new HashSet<>();
        Set<String> withholdings = new HashSet<>();
        for (String context : List.of("PUBLIC_PROCUREMENT", "ART_30BIS")) {
            List<String> details = new ArrayList<>();
            for (int i = 0; i < DEMO_EMPLOYERS; i++) {
                details.add(Soap.detail("CompanyID", DemoLedger.companyId(i), null));
            }
            String xml = Soap.post("inspector", Soap.request(context, details.toArray(String[]::new)))
                    .statusCode(200).extract().asString();
            List<Map<String, Object>> soap = soapAnswers(xml);
            assertThat(soap).hasSize(DEMO_EMPLOYERS);
            for (int i = 0; i < DEMO_EMPLOYERS; i++) {
                JsonPath rest = given().auth().preemptive().basic("inspector", "inspector-secret")
                        .get("/api/v1/employers/{id}/balance?legalContext={c}", DemoLedger.companyId(i), context)
                        .then().statusCode(200).extract().jsonPath();
                Map<String, Object> restAnswer = restAnswer(rest);
                assertThat(soap.get(i)).as("employer %d in %s", i, context).isEqualTo(restAnswer);
                outcomes.add(context + ":" + restAnswer.get("BalanceAnalysisResult"));
                if (restAnswer.get("Withholding") != null) {
                    withholdings.add((String) restAnswer.get("Withholding"));
                }
            }
        }
        for (Outcome o : EnumSet.range(Outcome.NO_DEBT, Outcome.DEBT_ABOVE_THRESHOLD)) {
            assertThat(outcomes).contains("PUBLIC_PROCUREMENT:" + o);
        }
        assertThat(outcomes).contains("ART_30BIS:MISSING_DECLARATIONS", "ART_30BIS:DEBT_ABOVE_THRESHOLD",
                "ART_30BIS:NO_DEBT", "ART_30BIS:DEBT_BELOW_THRESHOLD");
        assertThat(withholdings).containsExactlyInAnyOrder("JA", "NEEN");
    }

    static List<Map<String, Object>> soapAnswers(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList responses = doc.getElementsByTagNameNS(NS, "Response");
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < responses.getLength(); i++) {
            Element r = (Element) responses.item(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ResultCode", text(r, "ResultCode"));
            m.put("CompanyID", text(r, "CompanyID"));
            m.put("NOSSRegistrationNbr", text(r, "NOSSRegistrationNbr"));
            m.put("Denomination", text(r, "Denomination"));
            m.put("LegalContext", text(r, "LegalContext"));
            for (String amount : List.of("ContributionTotalAmount", "TotalIncreases", "TotalInterests", "TotalLegalCosts")) {
                m.put(amount, Long.valueOf(text(r, amount)));
            }
            m.put("BalanceAnalysisResult", text(r, "BalanceAnalysisResult"));
            m.put("Withholding", text(r, "Withholding"));
            m.put("IsPaymentPlanFollowed", Boolean.valueOf(text(r, "IsPaymentPlanFollowed")));
            m.put("ClosingDate", text(r, "ClosingDate"));
            m.put("ClosingQuarter", text(r, "ClosingQuarter"));
            m.put("MissingDeclarationQuarters", texts(r, "Quarter"));
            List<String> disputes = new ArrayList<>();
            NodeList ds = r.getElementsByTagNameNS(NS, "Dispute");
            for (int d = 0; d < ds.getLength(); d++) {
                disputes.add(text((Element) ds.item(d), "DisputeType") + ":" + text((Element) ds.item(d), "Amount"));
            }
            m.put("Dispute", disputes);
            m.put("Timestamp", OffsetDateTime.parse(text(r, "Timestamp")).toInstant().toString());
            answers.add(m);
        }
        return answers;
    }

    static Map<String, Object> restAnswer(JsonPath j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ResultCode", j.getString("resultCode"));
        m.put("CompanyID", j.getString("employerId.companyId"));
        m.put("NOSSRegistrationNbr", j.getString("employerId.nossRegistrationNbr"));
        m.put("Denomination", j.getString("denomination"));
        m.put("LegalContext", j.getString("legalContext"));
        m.put("ContributionTotalAmount", j.getLong("balanceAmounts.contributionTotalAmount"));
        m.put("TotalIncreases", j.getLong("balanceAmounts.totalIncreases"));
        m.put("TotalInterests", j.getLong("balanceAmounts.totalInterests"));
        m.put("TotalLegalCosts", j.getLong("balanceAmounts.totalLegalCosts"));
        m.put("BalanceAnalysisResult", j.getString("balanceAnalysisResult"));
        m.put("Withholding", j.getString("withholding"));
        m.put("IsPaymentPlanFollowed", j.getBoolean("isPaymentPlanFollowed"));
        m.put("ClosingDate", j.getString("closingDate"));
        m.put("ClosingQuarter", j.getString("closingQuarter"));
        m.put("MissingDeclarationQuarters", j.getList("missingDeclarationQuarters", String.class));
        List<String> disputes = new ArrayList<>();
        for (Map<String, Object> d : j.<Map<String, Object>>getList("disputes")) {
            disputes.add(d.get("disputeType") + ":" + d.get("amount"));
        }
        m.put("Dispute", disputes);
        m.put("Timestamp", java.time.Instant.parse(j.getString("attestationTimestamp")).toString());
        return m;
    }

    private static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagNameNS(NS, name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    private static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        NodeList l = parent.getElementsByTagNameNS(NS, name);
        for (int i = 0; i < l.getLength(); i++) {
            Node n = l.item(i);
            out.add(n.getTextContent());
        }
        return out;
    }
}
