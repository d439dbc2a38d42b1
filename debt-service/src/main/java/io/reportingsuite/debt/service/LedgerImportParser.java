package io.reportingsuite.debt.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.reportingsuite.contracts.ident.EnterpriseNumber;
import io.reportingsuite.contracts.ident.NossNumber;
import io.reportingsuite.debt.ledger.Dispute;
import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.Quarter;
import io.reportingsuite.debt.ledger.QuarterEntry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code POST /api/v1/ledger/imports} body (issue 11's JSON shape) into ledger accounts, collecting
 * every refusal with its JSON pointer. Refusal texts never quote the refused value.
 */
public final class LedgerImportParser {

    /** Glossary zone 01057: amounts have at most 15 digits. */
    static final long MAX_CENTS = 999_999_999_999_999L;

    /** The parsed import, or the refusals when there is any. */
    public record Parsed(String importId, List<EmployerAccount> employers, List<Refusal> refusals) {
    }

    private final List<Refusal> refusals = new ArrayList<>();

    private LedgerImportParser() {
    }

    public static Parsed parse(JsonNode root) {
        return new LedgerImportParser().read(root);
    }

    private Parsed read(JsonNode root) {
        if (root == null || !root.isObject()) {
            refuse("", "The body must be a JSON object with importId and employers.");
            return new Parsed(null, List.of(), refusals);
        }
        String importId = text(root, "", "importId", true);
        if (importId != null && (importId.isBlank() || importId.length() > 100)) {
            refuse("/importId", "The importId must have 1 to 100 characters.");
        }
        List<EmployerAccount> employers = new ArrayList<>();
        JsonNode list = root.get("employers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            refuse("/employers", "employers must be a non-empty array.");
        } else {
            Set<String> companies = new HashSet<>();
            Set<String> nossNumbers = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                EmployerAccount e = employer(list.get(i), "/employers/" + i);
                if (e == null) {
                    continue;
                }
                if (!companies.add(e.companyId())) {
                    refuse("/employers/" + i + "/companyId", "The employer appears twice in this import.");
                }
                if (e.nossRegistrationNbr() != null && !nossNumbers.add(e.nossRegistrationNbr())) {
                    refuse("/employers/" + i + "/nossRegistrationNbr",
                            "The registration number appears for two employers in this import.");
                }
                employers.add(e);
            }
        }
        return new Parsed(importId, refusals.isEmpty() ? employers : List.of(), List.copyOf(refusals));
    }

    private EmployerAccount employer(JsonNode node, String at) {
        if (!node.isObject()) {
            refuse(at, "An employer must be a JSON object.");
            return null;
        }
        int before = refusals.size();
        String companyId = null;
        String rawCompany = text(node, at, "companyId", true);
        if (rawCompany != null) {
            var problem = EnterpriseNumber.check(rawCompany);
            if (problem.isPresent()) {
                refuse(at + "/companyId", problem.get().describe("enterprise number"));
            } else {
                companyId = EnterpriseNumber.parse(rawCompany).digits();
            }
        }
        String noss = null;
        String rawNoss = text(node, at, "nossRegistrationNbr", false);
        if (rawNoss != null) {
            var problem = NossNumber.check(rawNoss);
            if (problem.isPresent()) {
                refuse(at + "/nossRegistrationNbr", problem.get().describe("NOSS registration number"));
            } else {
                noss = NossNumber.parse(rawNoss).digits();
            }
        }
        String denomination = text(node, at, "denomination", true);
        if (denomination != null && (denomination.isBlank() || denomination.length() > 240)) {
            refuse(at + "/denomination", "The denomination must have 1 to 240 characters.");
        }
        List<QuarterEntry> quarters = new ArrayList<>();
        JsonNode qs = node.get("quarters");
        if (qs != null && !qs.isNull()) {
            if (!qs.isArray()) {
                refuse(at + "/quarters", "quarters must be an array.");
            } else {
                Set<Quarter> seen = new HashSet<>();
                for (int i = 0; i < qs.size(); i++) {
                    QuarterEntry q = quarter(qs.get(i), at + "/quarters/" + i);
                    if (q != null && !seen.add(q.quarter())) {
                        refuse(at + "/quarters/" + i + "/quarter", "The quarter appears twice for this employer.");
                    }
                    if (q != null) {
                        quarters.add(q);
                    }
                }
            }
        }
        List<Dispute> disputes = new ArrayList<>();
        JsonNode ds = node.get("disputes");
        if (ds != null && !ds.isNull()) {
            if (!ds.isArray()) {
                refuse(at + "/disputes", "disputes must be an array.");
            } else {
                for (int i = 0; i < ds.size(); i++) {
                    String dAt = at + "/disputes/" + i;
                    JsonNode d = ds.get(i);
                    if (!d.isObject()) {
                        refuse(dAt, "A dispute must be a JSON object.");
                        continue;
                    }
                    String type = text(d, dAt, "disputeType", true);
                    if (type != null && (type.isBlank() || type.length() > 64)) {
                        refuse(dAt + "/disputeType", "The disputeType must have 1 to 64 characters.");
                    }
                    Long amount = cents(d, dAt, "amountCents", true);
                    if (type != null && amount != null) {
                        disputes.add(new Dispute(type, amount));
                    }
                }
            }
        }
        boolean planActive = false;
        boolean planFollowed = false;
        JsonNode plan = node.get("paymentPlan");
        if (plan != null && !plan.isNull()) {
            if (!plan.isObject()) {
                refuse(at + "/paymentPlan", "paymentPlan must be a JSON object.");
            } else {
                planActive = bool(plan, at + "/paymentPlan", "active", true, false);
                planFollowed = bool(plan, at + "/paymentPlan", "followed", true, false);
            }
        }
        if (refusals.size() > before) {
            return null;
        }
        return new EmployerAccount(companyId, noss, denomination, quarters, disputes, planActive, planFollowed);
    }

    private QuarterEntry quarter(JsonNode node, String at) {
        if (!node.isObject()) {
            refuse(at, "A quarter must be a JSON object.");
            return null;
        }
        int before = refusals.size();
        Quarter quarter = null;
        String rawQuarter = text(node, at, "quarter", true);
        if (rawQuarter != null) {
            try {
                quarter = Quarter.parse(rawQuarter);
            } catch (IllegalArgumentException e) {
                refuse(at + "/quarter", e.getMessage());
            }
        }
        Long contribution = cents(node, at, "contributionCents", true);
        Long paid = cents(node, at, "paidCents", false);
        Long increases = cents(node, at, "increasesCents", false);
        Long interests = cents(node, at, "interestsCents", false);
        Long legalCosts = cents(node, at, "legalCostsCents", false);
        LocalDate dueDate = null;
        String rawDue = text(node, at, "dueDate", false);
        if (rawDue != null) {
            try {
                dueDate = LocalDate.parse(rawDue);
            } catch (DateTimeParseException e) {
                refuse(at + "/dueDate", "dueDate must be a date written YYYY-MM-DD.");
            }
        }
        if (dueDate != null && quarter != null && !dueDate.isAfter(quarter.lastDay())) {
            refuse(at + "/dueDate", "dueDate must be after the quarter's last day.");
        }
        boolean dmfaFiled = bool(node, at, "dmfaFiled", true, false);
        if (refusals.size() > before) {
            return null;
        }
        return new QuarterEntry(quarter, contribution, paid == null ? 0 : paid, increases == null ? 0 : increases,
                interests == null ? 0 : interests, legalCosts == null ? 0 : legalCosts,
                dueDate == null ? quarter.defaultDueDate() : dueDate, dmfaFiled);
    }

    private String text(JsonNode node, String at, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                refuse(at + "/" + field, field + " is required.");
            }
            return null;
        }
        if (!v.isTextual()) {
            refuse(at + "/" + field, field + " must be a string.");
            return null;
        }
        return v.asText();
    }

    private Long cents(JsonNode node, String at, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                refuse(at + "/" + field, field + " is required.");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            refuse(at + "/" + field, field + " must be a whole number of euro cents.");
            return null;
        }
        long cents = v.asLong();
        if (cents < 0 || cents > MAX_CENTS) {
            refuse(at + "/" + field, field + " must be between 0 and 999999999999999 cents.");
            return null;
        }
        return cents;
    }

    private boolean bool(JsonNode node, String at, String field, boolean required, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                refuse(at + "/" + field, field + " is required.");
            }
            return fallback;
        }
        if (!v.isBoolean()) {
            refuse(at + "/" + field, field + " must be true or false.");
            return fallback;
        }
        return v.asBoolean();
    }

    private void refuse(String pointer, String reason) {
        refusals.add(new Refusal(pointer, reason));
    }
}
