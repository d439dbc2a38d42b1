package io.reportingsuite.contracts.debt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reportingsuite.contracts.ident.NossNumber;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Deterministic demo and benchmark ledgers in debt-service's import shape ({@code POST /api/v1/ledger/imports},
 * issue 11). Employer {@code i} follows profile {@code i % PROFILES}, so any run of at least {@link #PROFILES}
 * consecutive employers shows every rule outcome at {@code asOf} (no debt, below and above each threshold, exactly EUR 3 000,
 * a followed and a broken payment plan, a dispute, a postponed quarter, a missing DmfA in the penultimate
 * and in the last quarter, an employer without NOSS number). Quarters end with the last one elapsed at
 * {@code asOf}; each employer has {@code quarters} of them (8 quarters × 125 000 employers = 1 000 000 rows).
 *
 * <p>{@code java -cp contracts.jar io.reportingsuite.contracts.debt.DemoLedger [employers] [first] [asOf] [quarters] [importId]}
 */
public final class DemoLedger {

    /** The number of employer profiles; see the class comment. */
    public static final int PROFILES = 12;

    private DemoLedger() {
    }

    public static void main(String[] args) throws IOException {
        int employers = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int first = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        LocalDate asOf = args.length > 2 ? LocalDate.parse(args[2]) : LocalDate.now();
        int quarters = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        String importId = args.length > 4 ? args[4] : "demo-" + asOf + "-" + first + "-" + employers;
        write(System.out, importId, first, employers, asOf, quarters);
        System.out.flush();
    }

    public static void write(OutputStream out, String importId, int first, int employers, LocalDate asOf,
            int quarters) throws IOException {
        new ObjectMapper().writeValue(out, generate(importId, first, employers, asOf, quarters));
    }

    public static ObjectNode generate(String importId, int first, int employers, LocalDate asOf, int quarters) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("importId", importId);
        ArrayNode list = root.putArray("employers");
        // The last quarter elapsed at asOf, then going back.
        int year = asOf.getYear();
        int q = (asOf.getMonthValue() - 1) / 3 + 1;
        q--;
        if (q == 0) {
            q = 4;
            year--;
        }
        int[][] periods = new int[quarters][];
        for (int k = quarters - 1; k >= 0; k--) {
            periods[k] = new int[] {year, q};
            q--;
            if (q == 0) {
                q = 4;
                year--;
            }
        }
        for (int i = first; i < first + employers; i++) {
            list.add(employer(json, i, periods, asOf));
        }
        return root;
    }

    /** The enterprise number of employer {@code i}: {@code 02} followed by a running number and mod-97 check. */
    public static String companyId(int i) {
        long base = 2_000_000L + i;
        return String.format("%08d%02d", base, 97 - (int) (base % 97));
    }

    /** The NOSS number of employer {@code i} (nine digits). */
    public static String nossNumber(int i) {
        long n = 1_000_000L + i;
        return String.format("%07d%02d", n, NossNumber.checkDigits(n));
    }

    private static ObjectNode employer(ObjectMapper json, int i, int[][] periods, LocalDate asOf) {
        int profile = Math.floorMod(i, PROFILES);
        ObjectNode e = json.createObjectNode();
        e.put("companyId", companyId(i));
        if (profile != 11) {
            e.put("nossRegistrationNbr", nossNumber(i));
        }
        e.put("denomination", "Demo employer " + i + " (" + PROFILE_NAMES[profile] + ")");
        ArrayNode qs = e.putArray("quarters");
        int last = periods.length - 1;
        for (int k = 0; k < periods.length; k++) {
            int year = periods[k][0];
            int quarter = periods[k][1];
            long paid = 400_000L + 10_000L * Math.floorMod(i * 31 + k * 7, 50);
            long open = 0;
            boolean dmfa = true;
            String dueDate = null;
            // Amounts sit in the penultimate elapsed quarter, which is always due at asOf (the last elapsed
            // one may not be yet); the DmfA profiles use the penultimate and the last elapsed quarter.
            if (k == last - 1) {
                switch (profile) {
                    case 1 -> open = 120_000;
                    case 2 -> open = 280_000;
                    case 3 -> open = 300_000;
                    case 4 -> open = 300_001;
                    case 5, 6, 7 -> open = 1_200_000;
                    case 8 -> dmfa = false;
                    case 10 -> {
                        open = 2_000_000;
                        // Legally postponed beyond asOf: must not count yet.
                        dueDate = asOf.plusMonths(2).toString();
                    }
                    default -> open = 0;
                }
            }
            if (k == last && profile == 9) {
                dmfa = false;
            }
            // Declared = paid + what stays open (never negative).
            long contribution = paid + open;
            ObjectNode row = qs.addObject();
            row.put("quarter", year + "Q" + quarter);
            row.put("contributionCents", contribution);
            row.put("paidCents", paid);
            row.put("increasesCents", 0);
            row.put("interestsCents", open > 0 && profile >= 5 ? 1_500 : 0);
            row.put("legalCostsCents", 0);
            row.put("dueDate", dueDate != null ? dueDate
                    : YearMonth.of(year, quarter * 3).plusMonths(1).atEndOfMonth().toString());
            row.put("dmfaFiled", dmfa);
        }
        if (profile == 7) {
            e.putArray("disputes").addObject().put("disputeType", "CONTRIBUTIONS").put("amountCents", 1_000_000);
        }
        if (profile == 5 || profile == 6) {
            e.putObject("paymentPlan").put("active", true).put("followed", profile == 5);
        }
        return e;
    }

    private static final String[] PROFILE_NAMES = {"no debt", "small debt", "debt between EUR 2 500 and 3 000",
        "debt exactly EUR 3 000", "debt EUR 3 000.01", "plan followed", "plan not followed",
        "dispute under threshold", "DmfA missing penultimate quarter", "DmfA missing last quarter",
        "postponed quarter", "no NOSS number"};
}
