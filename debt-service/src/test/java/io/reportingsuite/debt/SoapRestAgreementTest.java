package io.reportingsuite.debt;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.debt.support.Ledger;
import io.reportingsuite.debt.support.Soap;
import io.reportingsuite.devstack.test.DevStackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
            "inspector:inspector-secret".getBytes(StandardCharsets.UTF_8));

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

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
            // The REST calls run concurrently (the answers are compared one by one afterwards).
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < DEMO_EMPLOYERS; i++) {
                calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/employers/" + DemoLedger.companyId(i) + "/balance?legalContext=" + context))
                        .header("Authorization", AUTH).GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < DEMO_EMPLOYERS; i++) {
                HttpResponse<String> response = calls.get(i).get(3, TimeUnit.MINUTES);
                assertThat(response.statusCode()).isEqualTo(200);
                Map<String, Object> restAnswer = restAnswer(response.body());
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

    static Map<String, Object> restAnswer(String body) throws Exception {
        JsonNode j = JSON.readTree(body);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ResultCode", text(j.path("resultCode")));
        m.put("CompanyID", text(j.path("employerId").path("companyId")));
        m.put("NOSSRegistrationNbr", text(j.path("employerId").path("nossRegistrationNbr")));
        m.put("Denomination", text(j.path("denomination")));
        m.put("LegalContext", text(j.path("legalContext")));
        JsonNode amounts = j.path("balanceAmounts");
        m.put("ContributionTotalAmount", amounts.path("contributionTotalAmount").asLong());
        m.put("TotalIncreases", amounts.path("totalIncreases").asLong());
        m.put("TotalInterests", amounts.path("totalInterests").asLong());
        m.put("TotalLegalCosts", amounts.path("totalLegalCosts").asLong());
        m.put("BalanceAnalysisResult", text(j.path("balanceAnalysisResult")));
        m.put("Withholding", text(j.path("withholding")));
        m.put("IsPaymentPlanFollowed", j.path("isPaymentPlanFollowed").asBoolean());
        m.put("ClosingDate", text(j.path("closingDate")));
        m.put("ClosingQuarter", text(j.path("closingQuarter")));
        List<String> missing = new ArrayList<>();
        j.path("missingDeclarationQuarters").forEach(q -> missing.add(q.asText()));
        m.put("MissingDeclarationQuarters", missing);
        List<String> disputes = new ArrayList<>();
        j.path("disputes").forEach(d -> disputes.add(d.path("disputeType").asText() + ":" + d.path("amount").asLong()));
        m.put("Dispute", disputes);
        m.put("Timestamp", java.time.Instant.parse(j.path("attestationTimestamp").asText()).toString());
        return m;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
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
