package io.reportingsuite.debt.service;

import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.Quarter;
import io.reportingsuite.debt.rules.Analysis;
import io.reportingsuite.debt.rules.Balance;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.rules.Withholding;
import io.reportingsuite.debt.store.AuditRepository;
import io.reportingsuite.debt.store.AuditWriter;
import io.reportingsuite.debt.store.LedgerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers employer queries for one legal context: the same code behind SOAP, REST and batches, so they
 * cannot disagree. Each item gets its own result code; nothing here throws for one bad item.
 */
@ApplicationScoped
public class BalanceService {

    /** Dates without a zone (closing dates, "today") are Belgian dates. */
    public static final ZoneId BELGIUM = ZoneId.of("Europe/Brussels");

    /** MAGDA's "Geen gegevens gevonden" (SPEC §6.2). */
    static final String NOT_FOUND_ERROR_ID = "30001";

    /** One employer asked about, with its reference date (null: today). */
    public record Item(EmployerRef employer, LocalDate closingDate) {
    }

    /**
     * A sync query's answers and the commit of their audit rows: the answers may leave only once
     * {@code audited} has completed normally; completed exceptionally, the query is refused.
     */
    public record Answered(List<BalanceAnswer> answers, CompletableFuture<Void> audited) {
    }

    private final LedgerRepository ledger;
    private final RuleBook rules;
    private final Clock clock;
    private final AuditWriter auditWriter;

    public BalanceService(LedgerRepository ledger, RuleBook rules, Clock clock, AuditWriter auditWriter) {
        this.ledger = ledger;
        this.rules = rules;
        this.clock = clock;
        this.auditWriter = auditWriter;
    }

    /**
     * Computes the answers of one consumer's sync query (one read-only statement,
     * {@link LedgerRepository#lookUp}) and hands their audit rows to the group writer ({@link AuditWriter}).
     */
    public Answered answer(String consumer, LegalContext context, List<Item> items) throws SQLException {
        Instant now = clock.instant();
        List<BalanceAnswer> answers = answers(context, items, ledger.lookUp(lookups(items)), now);
        return new Answered(answers, auditWriter.submit(auditEntries(consumer, context, items, answers, now)));
    }

    /** Audits answers given without a ledger read (NOT_AUTHORIZED) through the group writer. */
    public CompletableFuture<Void> audit(String consumer, LegalContext context, List<Item> items,
            List<BalanceAnswer> answers) {
        return auditWriter.submit(auditEntries(consumer, context, items, answers));
    }

    /** The answers, without auditing them (the batch worker audits in its own transaction). */
    public List<BalanceAnswer> compute(LegalContext context, List<Item> items) throws SQLException {
        return answers(context, items, ledger.lookUp(lookups(items)), clock.instant());
    }

    private static List<LedgerRepository.Lookup> lookups(List<Item> items) {
        List<LedgerRepository.Lookup> lookups = new ArrayList<>(items.size());
        for (Item item : items) {
            EmployerRef ref = item.employer();
            lookups.add(ref.isValid() ? new LedgerRepository.Lookup(ref.key(), ref.id())
                    : new LedgerRepository.Lookup(null, null));
        }
        return lookups;
    }

    private List<BalanceAnswer> answers(LegalContext context, List<Item> items, List<Optional<EmployerAccount>> found,
            Instant now) {
        LocalDate today = LocalDate.ofInstant(now, BELGIUM);
        List<BalanceAnswer> answers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (!item.employer().isValid()) {
                answers.add(BalanceAnswer.failed("INVALID_REQUEST", item.employer().problem(), context.name(),
                        null));
                continue;
            }
            Optional<EmployerAccount> account = found.get(i);
            if (account.isEmpty()) {
                answers.add(BalanceAnswer.failed("NOT_FOUND", NOT_FOUND_ERROR_ID, context.name(),
                        context == LegalContext.ART_30BIS ? Withholding.NO_DATA.name() : null));
                continue;
            }
            LocalDate reference = item.closingDate() == null ? today : item.closingDate();
            answers.add(toAnswer(account.get(), rules.rule(context).analyse(account.get(), reference), now));
        }
        return answers;
    }

    public List<AuditRepository.Entry> auditEntries(String consumer, LegalContext context, List<Item> items,
            List<BalanceAnswer> answers) {
        return auditEntries(consumer, context, items, answers, clock.instant());
    }

    private static List<AuditRepository.Entry> auditEntries(String consumer, LegalContext context, List<Item> items,
            List<BalanceAnswer> answers, Instant now) {
        List<AuditRepository.Entry> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            EmployerRef ref = items.get(i).employer();
            entries.add(new AuditRepository.Entry(0, consumer, now, ref.isValid() ? ref.id() : "-", context.name(),
                    answers.get(i).resultCode()));
        }
        return entries;
    }

    static BalanceAnswer toAnswer(EmployerAccount account, Analysis analysis, Instant now) {
        Balance b = analysis.balance();
        return new BalanceAnswer("OK", null, analysis.legalContext().name(),
                new BalanceAnswer.EmployerId(account.companyId(), account.nossRegistrationNbr()),
                account.denomination(),
                new BalanceAnswer.BalanceAmounts(b.contributionCents(), b.increasesCents(), b.interestsCents(),
                        b.legalCostsCents()),
                analysis.result().name(),
                analysis.withholding() == null ? null : analysis.withholding().name(),
                account.isPaymentPlanFollowed(), analysis.referenceDate(), analysis.closingQuarter().toString(),
                analysis.missingDeclarationQuarters().stream().map(Quarter::toString).toList(),
                account.disputes().stream().map(d -> new BalanceAnswer.DisputeAmount(d.disputeType(), d.amountCents()))
                        .toList(),
                now);
    }
}
