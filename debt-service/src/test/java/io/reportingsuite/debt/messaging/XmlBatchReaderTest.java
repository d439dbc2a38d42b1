package io.reportingsuite.debt.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reportingsuite.contracts.debt.DemoLedger;
import io.reportingsuite.debt.batch.BatchItem;
import io.reportingsuite.debt.service.Refusal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The batch channel's XML request reader on its own: what it accepts and how precisely it refuses. */
class XmlBatchReaderTest {

    private final XmlBatchReader reader = new XmlBatchReader(5);

    @Test
    void readsContextMandantClosingDateAndItemsInOrder() throws Exception {
        String details = detail("<CompanyID>" + DemoLedger.companyId(1) + "</CompanyID>", "2026-12-02")
                + detail("<NOSSRegistrationNbr>" + DemoLedger.nossNumber(2) + "</NOSSRegistrationNbr>", null)
                + detail("<ProvisionalNSSONbr>12345</ProvisionalNSSONbr>", "2026-12-02")
                + detail("<CompanyID>0403170701</CompanyID><NOSSRegistrationNbr>1</NOSSRegistrationNbr>", null);
        XmlBatchReader.Parsed parsed = reader.read(XmlBatches.document("0403170701", "ART_30BIS", details));
        assertThat(parsed.legalContext()).isEqualTo("ART_30BIS");
        assertThat(parsed.consumerCompanyId()).isEqualTo("0403170701");
        assertThat(parsed.closingDate()).isEqualTo("2026-12-02");
        assertThat(parsed.items()).containsExactly(new BatchItem(DemoLedger.companyId(1), null),
                new BatchItem(null, DemoLedger.nossNumber(2)), new BatchItem(null, "12345"),
                new BatchItem(null, null));
    }

    @Test
    void anXxeDocumentIsRefusedAtItsDoctypeAndNothingIsResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE BatchRequest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <BatchRequest xmlns="http://socialsecurity.be/xml/ns/accountbalance">&xxe;</BatchRequest>""";
        Refusal r = refusal(xxe.getBytes(StandardCharsets.UTF_8));
        assertThat(r.reason()).isEqualTo("The document has a DOCTYPE declaration: DTDs and entities are not accepted.");
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.column()).isNotNull();
        assertThat(r.reason()).doesNotContain("root:");
    }

    @Test
    void aWrongNamespaceOrRootIsNamed() {
        String valid = new String(XmlBatches.document("0403170701", "ART_30BIS",
                detail("<CompanyID>1</CompanyID>", null)), StandardCharsets.UTF_8);
        Refusal r = refusal(valid.replace(XmlBatchReader.NAMESPACE, "urn:wrong").getBytes(StandardCharsets.UTF_8));
        assertThat(r.reason()).isEqualTo("The root element must be BatchRequest in namespace "
                + XmlBatchReader.NAMESPACE + ", not BatchRequest in namespace urn:wrong.");
        assertThat(r.pointer()).isEqualTo("/BatchRequest");
        assertThat(r.line()).isEqualTo(2);
    }

    @Test
    void aSchemaViolationNamesRulePathLineAndColumnButNotTheValue() {
        String details = detail("<CompanyID>" + DemoLedger.companyId(1) + "</CompanyID>", null)
                + detail("<CompanyID>0403170701-personal-value-too-long</CompanyID>", null);
        Refusal r = refusal(XmlBatches.document("0403170701", "ART_30BIS", details));
        assertThat(r.reason()).startsWith("Not valid against EmployerAccountBalance.xsd: cvc-maxLength-valid")
                .doesNotContain("personal-value");
        assertThat(r.pointer()).isEqualTo("/BatchRequest/RequestDetail/1/EmployerId/CompanyID");
        assertThat(r.line()).as("the second detail's EmployerId line").isEqualTo(11);
        assertThat(Integer.parseInt(r.column())).isPositive();

        Refusal date = refusal(XmlBatches.document("0403170701", "ART_30BIS",
                detail("<CompanyID>1</CompanyID>", "2026-02-31x")));
        assertThat(date.reason()).contains("cvc-datatype-valid").doesNotContain("2026-02-31x");
        assertThat(date.pointer()).isEqualTo("/BatchRequest/RequestDetail/0/ClosingDate");

        Refusal context = refusal(XmlBatches.document("0403170701", "NO_SUCH_CONTEXT",
                detail("<CompanyID>1</CompanyID>", null)));
        assertThat(context.reason()).contains("cvc-enumeration-valid").doesNotContain("NO_SUCH_CONTEXT");
        assertThat(context.pointer()).isEqualTo("/BatchRequest/LegalContextInformation/LegalContext");

        Refusal missing = refusal(XmlBatches.document("0403170701", "ART_30BIS", ""));
        assertThat(missing.reason()).contains("cvc-complex-type.2.4.b").contains("RequestDetail");
        assertThat(missing.pointer()).isEqualTo("/BatchRequest");
    }

    @Test
    void malformedXmlTooManyDetailsAndMixedClosingDatesAreRefused() {
        Refusal malformed = refusal("<BatchRequest xmlns=\"http://socialsecurity.be/xml/ns/accountbalance\">\n<Req"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.reason()).startsWith("Not well-formed XML: ");
        assertThat(malformed.line()).isEqualTo(2);

        StringBuilder six = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            six.append(detail("<CompanyID>1</CompanyID>", null));
        }
        Refusal tooMany = refusal(XmlBatches.document("0403170701", "ART_30BIS", six.toString()));
        assertThat(tooMany.reason()).isEqualTo("A batch has at most 5 RequestDetail elements.");
        assertThat(tooMany.pointer()).isEqualTo("/BatchRequest/RequestDetail/5");

        Refusal dates = refusal(XmlBatches.document("0403170701", "ART_30BIS",
                detail("<CompanyID>1</CompanyID>", "2026-12-01") + detail("<CompanyID>2</CompanyID>", "2026-12-02")));
        assertThat(dates.reason()).startsWith("Every RequestDetail of a batch has the same ClosingDate");
        assertThat(dates.pointer()).isEqualTo("/BatchRequest/RequestDetail/1");
    }

    @Test
    void theSanitiserKeepsTheRuleAndDropsQuotedValues() {
        assertThat(XmlBatchReader.sanitise("cvc-datatype-valid.1.2.1: '850101-1234' is not a valid value for 'date'."))
                .isEqualTo("cvc-datatype-valid.1.2.1: '…' is not a valid value for 'date'.");
        assertThat(XmlBatchReader.sanitise("cvc-pattern-valid: Value 'X1' is not facet-valid"))
                .isEqualTo("cvc-pattern-valid: Value '…' is not facet-valid");
    }

    static String detail(String ids, String closingDate) {
        return "  <RequestDetail>\n    <EmployerId>" + ids + "</EmployerId>\n"
                + (closingDate == null ? "" : "    <ClosingDate>" + closingDate + "</ClosingDate>\n")
                + "  </RequestDetail>\n";
    }

    private Refusal refusal(byte[] document) {
        return catchThrowableOfType(XmlBatchReader.InvalidDocument.class, () -> reader.read(document)).refusal();
    }
}
