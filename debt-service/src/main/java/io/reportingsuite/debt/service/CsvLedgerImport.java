package io.reportingsuite.debt.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV ledger import, read into the JSON import document ({@link LedgerImportParser} then validates it
 * exactly as a JSON import) and its refusals translated back from JSON pointers to line and column.
 *
 * <p>The header names the columns, with the JSON import's field names: {@link #COLUMNS}, in any order, only
 * {@code companyId} required. Each line is one employer's quarter ({@code quarter} and its amounts) and/or one
 * of its disputes ({@code disputeType}, {@code disputeAmountCents}); an employer's lines need not be adjacent.
 * The employer's own columns ({@code nossRegistrationNbr}, {@code denomination}, {@code paymentPlanActive},
 * {@code paymentPlanFollowed}) are taken from its lines where filled in, and must not differ between them.
 * Empty cells are absent fields. The importId is the request's {@code importId} query parameter.
 */
public final class CsvLedgerImport {

    /** The columns a CSV import may have (the JSON import's fields; a dispute's amount is disputeAmountCents). */
    public static final List<String> COLUMNS = List.of("companyId", "nossRegistrationNbr", "denomination", "quarter",
            "contributionCents", "paidCents", "increasesCents", "interestsCents", "legalCostsCents", "dueDate",
            "dmfaFiled", "disputeType", "disputeAmountCents", "paymentPlanActive", "paymentPlanFollowed");
    private static final List<String> EMPLOYER_COLUMNS = List.of("nossRegistrationNbr", "denomination",
            "paymentPlanActive", "paymentPlanFollowed");
    private static final List<String> QUARTER_COLUMNS = List.of("contributionCents", "paidCents", "increasesCents",
            "interestsCents", "legalCostsCents", "dueDate", "dmfaFiled");
    private static final List<String> AMOUNTS = List.of("contributionCents", "paidCents", "increasesCents",
            "interestsCents", "legalCostsCents");

    /**
     * The JSON document built from the CSV (null when its header is refused) and the CSV's own refusals (its
     * shape, not its values: those are the JSON validation's).
     */
    public record Read(ObjectNode document, List<Refusal> refusals, CsvLedgerImport lines) {
    }

    /** Where each employer's fields, quarters and disputes came from. */
    private final List<Map<String, Integer>> employerFieldLines = new ArrayList<>();
    private final List<List<Integer>> quarterLines = new ArrayList<>();
    private final List<List<Integer>> disputeLines = new ArrayList<>();

    private CsvLedgerImport() {
    }

    public static Read read(String importId, String body, ObjectMapper json) {
        // A final line terminator, so that the parser's line count is each record's own line.
        String csv = body.endsWith("\n") ? body : body + "\n";
        CsvLedgerImport lines = new CsvLedgerImport();
        List<Refusal> refusals = new ArrayList<>();
        ObjectNode doc = json.createObjectNode();
        if (importId != null) {
            doc.put("importId", importId);
        }
        ArrayNode employers = doc.putArray("employers");
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        Map<String, ObjectNode> byCompany = new LinkedHashMap<>();
        Map<String, Integer> indexOf = new HashMap<>();
        long line = 1;
        try (CSVParser parser = format.parse(new StringReader(csv))) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!COLUMNS.contains(column)) {
                    refusals.add(Refusal.atCell(1, column, "Unknown column; the columns are " + COLUMNS + "."));
                }
            }
            if (!header.contains("companyId")) {
                refusals.add(Refusal.atCell(1, "companyId", "The header must name the companyId column."));
            }
            if (!refusals.isEmpty()) {
                return new Read(null, refusals, lines);
            }
            for (CSVRecord record : parser) {
                line = parser.getCurrentLineNumber();
                if (!record.isConsistent()) {
                    refusals.add(Refusal.atCell((int) line, null, "The line has " + record.size()
                            + " cells, the header " + header.size() + "."));
                    continue;
                }
                String company = cell(record, "companyId");
                if (company == null) {
                    refusals.add(Refusal.atCell((int) line, "companyId", "companyId is required on every line."));
                    continue;
                }
                ObjectNode e = byCompany.get(company);
                int index;
                if (e == null) {
                    e = employers.addObject();
                    e.put("companyId", company);
                    index = employers.size() - 1;
                    byCompany.put(company, e);
                    indexOf.put(company, index);
                    lines.employerFieldLines.add(new HashMap<>(Map.of("companyId", (int) line)));
                    lines.quarterLines.add(new ArrayList<>());
                    lines.disputeLines.add(new ArrayList<>());
                    e.putArray("quarters");
                } else {
                    index = indexOf.get(company);
                }
                Map<String, Integer> fieldLines = lines.employerFieldLines.get(index);
                for (String column : EMPLOYER_COLUMNS) {
                    String value = cell(record, column);
                    if (value == null) {
                        continue;
                    }
                    Integer first = fieldLines.get(column);
                    JsonNode node = column.startsWith("paymentPlan") ? booleanOrText(json, value)
                            : json.getNodeFactory().textNode(value);
                    JsonNode before = column.startsWith("paymentPlan")
                            ? e.path("paymentPlan").get(column.equals("paymentPlanActive") ? "active" : "followed")
                            : e.get(column);
                    if (first != null) {
                        if (!node.equals(before)) {
                            refusals.add(Refusal.atCell((int) line, column, column + " differs from line " + first
                                    + " for the same employer."));
                        }
                        continue;
                    }
                    fieldLines.put(column, (int) line);
                    if (column.startsWith("paymentPlan")) {
                        ObjectNode plan = e.has("paymentPlan") ? (ObjectNode) e.get("paymentPlan") : e.putObject("paymentPlan");
                        plan.set(column.equals("paymentPlanActive") ? "active" : "followed", node);
                    } else {
                        e.set(column, node);
                    }
                }
                String quarter = cell(record, "quarter");
                if (quarter != null) {
                    ObjectNode q = ((ArrayNode) e.get("quarters")).addObject();
                    q.put("quarter", quarter);
                    for (String column : QUARTER_COLUMNS) {
                        String value = cell(record, column);
                        if (value != null) {
                            q.set(column, AMOUNTS.contains(column) ? numberOrText(json, value)
                                    : column.equals("dmfaFiled") ? booleanOrText(json, value)
                                    : json.getNodeFactory().textNode(value));
                        }
                    }
                    lines.quarterLines.get(index).add((int) line);
                } else {
                    for (String column : QUARTER_COLUMNS) {
                        if (cell(record, column) != null) {
                            refusals.add(Refusal.atCell((int) line, column, column + " belongs to a quarter: the"
                                    + " quarter column is empty on this line."));
                        }
                    }
                }
                String disputeType = cell(record, "disputeType");
                String disputeAmount = cell(record, "disputeAmountCents");
                if (disputeType != null || disputeAmount != null) {
                    ObjectNode d = (e.has("disputes") ? (ArrayNode) e.get("disputes") : e.putArray("disputes"))
                            .addObject();
                    if (disputeType != null) {
                        d.put("disputeType", disputeType);
                    }
                    if (disputeAmount != null) {
                        d.set("amountCents", numberOrText(json, disputeAmount));
                    }
                    lines.disputeLines.get(index).add((int) line);
                }
            }
        } catch (UncheckedIOException | IOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv's messages may quote the content: only the line is kept.
            refusals.add(Refusal.atCell((int) line + 1, null, "The CSV cannot be read from here on (a quote,"
                    + " delimiter or header problem near this line)."));
        }
        for (int i = 0; i < employers.size(); i++) {
            employers.set(i, inContractOrder(json, employers.get(i)));
        }
        return new Read(doc, refusals, lines);
    }

    /**
     * The employer with its fields in the order of issue 11's JSON example, so that the JSON written in that
     * order is the same content (the SHA-256 that makes an importId idempotent) as the CSV.
     */
    private static JsonNode inContractOrder(ObjectMapper json, JsonNode e) {
        ObjectNode ordered = copy(json, e, List.of("companyId", "nossRegistrationNbr", "denomination", "quarters",
                "disputes", "paymentPlan"));
        ArrayNode quarters = ordered.putArray("quarters");
        List<String> quarterFields = new ArrayList<>(List.of("quarter"));
        quarterFields.addAll(QUARTER_COLUMNS);
        e.get("quarters").forEach(q -> quarters.add(copy(json, q, quarterFields)));
        if (e.has("disputes")) {
            ArrayNode disputes = ordered.putArray("disputes");
            e.get("disputes").forEach(d -> disputes.add(copy(json, d, List.of("disputeType", "amountCents"))));
        }
        if (e.has("paymentPlan")) {
            ordered.set("paymentPlan", copy(json, e.get("paymentPlan"), List.of("active", "followed")));
        }
        return ordered;
    }

    private static ObjectNode copy(ObjectMapper json, JsonNode from, List<String> fields) {
        ObjectNode to = json.createObjectNode();
        for (String f : fields) {
            if (from.has(f)) {
                to.set(f, from.get(f));
            }
        }
        return to;
    }

    /** The JSON validation's refusals, each at its line and column. */
    public List<Refusal> translate(List<Refusal> refusals) {
        List<Refusal> translated = new ArrayList<>(refusals.size());
        for (Refusal r : refusals) {
            translated.add(translate(r));
        }
        return translated;
    }

    private Refusal translate(Refusal r) {
        String[] p = r.pointer() == null ? new String[0] : r.pointer().split("/");
        // p[0] is "" (pointers start with "/").
        if (p.length < 2 || !p[1].equals("employers")) {
            return Refusal.atCell(null, p.length >= 2 ? p[1] : null,
                    p.length >= 2 && p[1].equals("importId") ? r.reason() + " (the importId query parameter)"
                            : r.reason());
        }
        if (p.length < 3) {
            return Refusal.atCell(null, null, "The CSV has no data lines.");
        }
        int employer = Integer.parseInt(p[2]);
        Map<String, Integer> fieldLines = employerFieldLines.get(employer);
        int firstLine = fieldLines.get("companyId");
        if (p.length < 4) {
            return Refusal.atCell(firstLine, "companyId", r.reason());
        }
        switch (p[3]) {
            case "quarters" -> {
                if (p.length < 5) {
                    return Refusal.atCell(firstLine, "quarter", r.reason());
                }
                int line = quarterLines.get(employer).get(Integer.parseInt(p[4]));
                return Refusal.atCell(line, p.length < 6 ? "quarter" : p[5], r.reason());
            }
            case "disputes" -> {
                if (p.length < 5) {
                    return Refusal.atCell(firstLine, "disputeType", r.reason());
                }
                int line = disputeLines.get(employer).get(Integer.parseInt(p[4]));
                String column = p.length < 6 ? "disputeType" : p[5].equals("amountCents") ? "disputeAmountCents" : p[5];
                return Refusal.atCell(line, column, r.reason().replace("amountCents", "disputeAmountCents"));
            }
            case "paymentPlan" -> {
                String column = p.length >= 5 && p[4].equals("followed") ? "paymentPlanFollowed" : "paymentPlanActive";
                String reason = r.reason().replace("active", "paymentPlanActive").replace("followed", "paymentPlanFollowed");
                return Refusal.atCell(fieldLines.getOrDefault(column, firstLine), column, reason);
            }
            default -> {
                return Refusal.atCell(fieldLines.getOrDefault(p[3], firstLine), p[3], r.reason());
            }
        }
    }

    private static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    private static JsonNode numberOrText(ObjectMapper json, String value) {
        if (value.matches("-?[0-9]{1,18}")) {
            return json.getNodeFactory().numberNode(Long.parseLong(value));
        }
        return json.getNodeFactory().textNode(value);
    }

    private static JsonNode booleanOrText(ObjectMapper json, String value) {
        return switch (value) {
            case "true" -> json.getNodeFactory().booleanNode(true);
            case "false" -> json.getNodeFactory().booleanNode(false);
            default -> json.getNodeFactory().textNode(value);
        };
    }
}
