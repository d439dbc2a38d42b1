package io.reportingsuite.receipt.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders one group of debt-service's batch answers as the {@code BatchResponse} document of contracts'
 * {@code wsdl/EmployerAccountBalance.xsd} (the FO content of an answer file, SPEC §5.4, §6.4): UTF-8, one
 * element per line with two-space indentation, elements in schema order, nothing that depends on the time of
 * rendering — the same group always gives the same bytes. Each {@code Response} is mapped from debt's answer
 * ({@code BalanceAnswer} JSON) exactly as debt's SOAP endpoint maps it: the employer data only for
 * {@code OK}.
 */
public final class BatchResponseWriter {

    /** The namespace of {@code BatchResponse}. */
    public static final String NAMESPACE = "http://socialsecurity.be/xml/ns/accountbalance";
    private static final int MAX_REASON = 2000;
    private static final int MAX_PATH = 240;
    private static final int MAX_DENOMINATION = 240;
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A {@code DebtBatchResults} document → the group's BatchResponse. */
    public byte[] results(JsonNode group) {
        return write(w -> {
            information(w, group, group.path("group").asInt() + 1, group.path("groups").asInt(),
                    group.path("total"));
            for (JsonNode result : group.path("results")) {
                detail(w, result);
            }
        });
    }

    /** A {@code DebtBatchRefused} document → a BatchResponse with the batch-level refusal (a group of one). */
    public byte[] refusal(JsonNode refused) {
        return write(w -> {
            information(w, refused, 1, 1, null);
            w.start(1, "BatchRefusal");
            for (JsonNode r : refused.path("refusals")) {
                w.start(2, "Refusal");
                w.leaf(3, "Reason", clip(text(r, "reason", "The request was refused."), MAX_REASON));
                String path = text(r, "pointer", null);
                if (path != null && !path.isEmpty()) {
                    w.leaf(3, "Path", clip(path, MAX_PATH));
                }
                positive(w, "Line", r.path("line"));
                positive(w, "Column", r.path("column"));
                w.end(2);
            }
            w.end(1);
        });
    }

    private static void information(Writer w, JsonNode doc, int groupNumber, int groupCount, JsonNode total)
            throws XMLStreamException {
        w.start(1, "BatchInformation");
        optional(w, 2, "BatchId", doc, "batchId");
        optional(w, 2, "RequestId", doc, "requestId");
        optional(w, 2, "LegalContext", doc, "legalContext");
        w.leaf(2, "GroupNumber", Integer.toString(groupNumber));
        w.leaf(2, "GroupCount", Integer.toString(Math.max(groupCount, groupNumber)));
        if (total != null && total.canConvertToInt()) {
            w.leaf(2, "TotalDetails", Integer.toString(total.asInt()));
        }
        w.end(1);
    }

    private static void detail(Writer w, JsonNode result) throws XMLStreamException {
        w.start(1, "BatchResponseDetail");
        w.leaf(2, "Position", Integer.toString(result.path("position").asInt()));
        w.start(2, "RequestDetail");
        JsonNode item = result.path("item");
        w.start(3, "EmployerId");
        optional(w, 4, "CompanyID", item, "companyId");
        optional(w, 4, "NOSSRegistrationNbr", item, "nossRegistrationNbr");
        w.end(3);
        w.end(2);
        response(w, result.path("answer"));
        w.end(1);
    }

    private static void response(Writer w, JsonNode a) throws XMLStreamException {
        w.start(2, "Response");
        w.start(3, "ExecutionResult");
        w.leaf(4, "ResultCode", text(a, "resultCode", "TECHNICAL_ERROR"));
        optional(w, 4, "ErrorID", a, "errorId");
        w.end(3);
        boolean ok = "OK".equals(text(a, "resultCode", null));
        if (ok && a.hasNonNull("employerId")) {
            w.start(3, "EmployerId");
            optional(w, 4, "CompanyID", a.path("employerId"), "companyId");
            optional(w, 4, "NOSSRegistrationNbr", a.path("employerId"), "nossRegistrationNbr");
            w.end(3);
        }
        if (ok && a.hasNonNull("denomination")) {
            w.leaf(3, "Denomination", clip(a.get("denomination").asText(), MAX_DENOMINATION));
        }
        optional(w, 3, "LegalContext", a, "legalContext");
        if (ok && a.hasNonNull("balanceAmounts")) {
            JsonNode amounts = a.path("balanceAmounts");
            w.start(3, "BalanceAmounts");
            w.leaf(4, "ContributionTotalAmount", amounts.path("contributionTotalAmount").asText("0"));
            w.leaf(4, "TotalIncreases", amounts.path("totalIncreases").asText("0"));
            w.leaf(4, "TotalInterests", amounts.path("totalInterests").asText("0"));
            w.leaf(4, "TotalLegalCosts", amounts.path("totalLegalCosts").asText("0"));
            w.end(3);
        }
        if (ok) {
            optional(w, 3, "BalanceAnalysisResult", a, "balanceAnalysisResult");
        }
        optional(w, 3, "Withholding", a, "withholding");
        if (!ok) {
            w.end(2);
            return;
        }
        optional(w, 3, "IsPaymentPlanFollowed", a, "isPaymentPlanFollowed");
        if (a.hasNonNull("closingDate")) {
            w.leaf(3, "ClosingDate", date(a.path("closingDate")));
        }
        optional(w, 3, "ClosingQuarter", a, "closingQuarter");
        JsonNode missing = a.path("missingDeclarationQuarters");
        if (missing.isArray() && !missing.isEmpty()) {
            w.start(3, "MissingDeclarationQuarters");
            for (JsonNode q : missing) {
                w.leaf(4, "Quarter", q.asText());
            }
            w.end(3);
        }
        for (JsonNode d : a.path("disputes")) {
            w.start(3, "Dispute");
            w.leaf(4, "DisputeType", text(d, "disputeType", ""));
            w.leaf(4, "Amount", d.path("amount").asText("0"));
            w.end(3);
        }
        if (a.hasNonNull("attestationTimestamp")) {
            w.start(3, "AttestationInformation");
            w.leaf(4, "Timestamp", instant(a.path("attestationTimestamp")));
            w.end(3);
        }
        w.end(2);
    }

    /** Jackson writes a LocalDate as text (or, with timestamps on, as [y, m, d]). */
    private static String date(JsonNode node) {
        if (node.isArray() && node.size() == 3) {
            return LocalDate.of(node.get(0).asInt(), node.get(1).asInt(), node.get(2).asInt()).toString();
        }
        return node.asText();
    }

    /** Jackson writes an Instant as ISO text (or, with timestamps on, as decimal epoch seconds). */
    private static String instant(JsonNode node) {
        if (node.isNumber()) {
            java.math.BigDecimal seconds = node.decimalValue();
            long whole = seconds.longValue();
            int nanos = seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos).toString();
        }
        return node.asText();
    }

    private static void positive(Writer w, String name, JsonNode node) throws XMLStreamException {
        String text = node.isMissingNode() || node.isNull() ? null : node.asText().trim();
        if (text != null && text.matches("[1-9][0-9]{0,9}")) {
            w.leaf(3, name, text);
        }
    }

    private static void optional(Writer w, int depth, String name, JsonNode node, String field)
            throws XMLStreamException {
        if (node.hasNonNull(field)) {
            w.leaf(depth, name, node.get(field).asText());
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node.hasNonNull(field) ? node.get(field).asText() : fallback;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private interface Body {
        void write(Writer w) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The declaration as every other XML file of the suite writes it (the JDK writer would use ' quotes).
        out.writeBytes(DECLARATION);
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartElement("", "BatchResponse", NAMESPACE);
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeCharacters("\n");
            body.write(new Writer(xml));
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render a BatchResponse", e);
        }
        return out.toByteArray();
    }

    /** Indented writing, one element per line; text without characters XML 1.0 cannot hold. */
    private static final class Writer {
        private final XMLStreamWriter xml;

        Writer(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void start(int depth, String name) throws XMLStreamException {
            xml.writeCharacters("  ".repeat(depth));
            xml.writeStartElement(NAMESPACE, name);
            xml.writeCharacters("\n");
        }

        void end(int depth) throws XMLStreamException {
            xml.writeCharacters("  ".repeat(depth));
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }

        void leaf(int depth, String name, String text) throws XMLStreamException {
            xml.writeCharacters("  ".repeat(depth));
            xml.writeStartElement(NAMESPACE, name);
            xml.writeCharacters(clean(text));
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }

        private static String clean(String text) {
            StringBuilder b = new StringBuilder(text.length());
            for (Iterator<Integer> it = text.codePoints().iterator(); it.hasNext(); ) {
                int c = it.next();
                boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                if (allowed) {
                    b.appendCodePoint(c);
                }
            }
            return b.toString();
        }
    }
}
