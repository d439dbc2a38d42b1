package io.reportingsuite.debt.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.reportingsuite.debt.ledger.Dispute;
import io.reportingsuite.debt.ledger.EmployerAccount;
import io.reportingsuite.debt.ledger.Quarter;
import io.reportingsuite.debt.ledger.QuarterEntry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules at every edge named by issue 11's "Done when" (plain JUnit: the rules are pure). */
class RulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    final PublicProcurementRule procurement = new PublicProcurementRule(300_000);
    final Art30bisRule art30bis = new Art30bisRule(250_000);

    /** A quarter with the given open contribution, the default due date and its DmfA filed. */
    static QuarterEntry open(String quarter, long openCents) {
        Quarter q = Quarter.parse(quarter);
        return new QuarterEntry(q, openCents, 0, 0, 0, 0, q.defaultDueDate(), true);
    }

    static EmployerAccount account(List<QuarterEntry> quarters, List<Dispute> disputes, boolean planActive,
            boolean planFollowed) {
        return new EmployerAccount("0203430576", "123456749", "Example BV", quarters, disputes, planActive,
                planFollowed);
    }

    static EmployerAccount account(QuarterEntry... quarters) {
        return account(List.of(quarters), List.of(), false, false);
    }

    @Nested
    class Debt {
        @Test
        void isOpenContributionPlusIncreasesInterestsAndCostsMinusDisputes() {
            Quarter q = Quarter.parse("2026Q2");
            QuarterEntry entry = new QuarterEntry(q, 1_250_000, 1_000_000, 100, 1_500, 200, q.defaultDueDate(), true);
            Balance b = Balance.at(account(List.of(entry), List.of(new Dispute("CONTRIBUTIONS", 50_000)), false, false),
                    TODAY);
            assertThat(b.contributionCents()).isEqualTo(250_000);
            assertThat(b.debtCents()).isEqualTo(250_000 + 100 + 1_500 + 200 - 50_000);
        }

        @Test
        void overpaymentDoesNotOffsetOtherQuartersAndDisputesNeverMakeItNegative() {
            Quarter q = Quarter.parse("2026Q1");
            QuarterEntry overpaid = new QuarterEntry(q, 100, 500, 0, 0, 0, q.defaultDueDate(), true);
            EmployerAccount a = account(List.of(overpaid, open("2026Q2", 1_000)),
                    List.of(new Dispute("CONTRIBUTIONS", 5_000)), false, false);
            assertThat(Balance.at(a, TODAY).contributionCents()).isEqualTo(1_000);
            assertThat(Balance.at(a, TODAY).debtCents()).isZero();
        }
    }

    @Nested
    class PublicProcurement {
        @Test
        void threeThousandEurosIsStillInOrderOneCentMoreIsNot() {
            assertThat(procurement.analyse(account(open("2026Q2", 300_000)), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_BELOW_THRESHOLD);
            assertThat(procurement.analyse(account(open("2026Q2", 300_001)), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
            assertThat(procurement.analyse(account(open("2026Q2", 0)), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.NO_DEBT);
        }

        @Test
        void aQuarterDueOnTheClosingDateCountsOneDueADayLaterDoesNot() {
            EmployerAccount a = account(open("2026Q2", 500_000));
            LocalDate due = LocalDate.of(2026, 7, 31);
            Analysis onDueDate = procurement.analyse(a, due);
            assertThat(onDueDate.result()).isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
            assertThat(onDueDate.closingQuarter()).isEqualTo(Quarter.parse("2026Q2"));
            Analysis dayBefore = procurement.analyse(a, due.minusDays(1));
            assertThat(dayBefore.result()).isEqualTo(BalanceAnalysisResult.NO_DEBT);
            assertThat(dayBefore.closingQuarter()).isEqualTo(Quarter.parse("2026Q1"));
        }

        @Test
        void aLegallyPostponedQuarterDoesNotCountBeforeItsNewDueDate() {
            Quarter q = Quarter.parse("2026Q2");
            QuarterEntry postponed = new QuarterEntry(q, 900_000, 0, 0, 0, 0, LocalDate.of(2026, 12, 15), true);
            assertThat(postponed.isPostponed()).isTrue();
            EmployerAccount a = account(postponed, open("2026Q1", 1_000));
            Analysis before = procurement.analyse(a, TODAY);
            assertThat(before.balance().debtCents()).isEqualTo(1_000);
            assertThat(before.result()).isEqualTo(BalanceAnalysisResult.DEBT_BELOW_THRESHOLD);
            assertThat(procurement.analyse(a, LocalDate.of(2026, 12, 15)).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
        }

        @Test
        void aDisputeThatBringsTheDebtUnderTheThresholdPutsTheEmployerInOrder() {
            List<QuarterEntry> quarters = List.of(open("2026Q2", 350_000));
            assertThat(procurement.analyse(account(quarters, List.of(new Dispute("CONTRIBUTIONS", 50_000)), false,
                    false), TODAY).result()).isEqualTo(BalanceAnalysisResult.DEBT_BELOW_THRESHOLD);
            assertThat(procurement.analyse(account(quarters, List.of(new Dispute("CONTRIBUTIONS", 49_999)), false,
                    false), TODAY).result()).isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
        }

        @Test
        void onlyAnActivePlanThatIsFollowedExcusesTheDebt() {
            List<QuarterEntry> quarters = List.of(open("2026Q2", 1_000_000));
            Analysis followed = procurement.analyse(account(quarters, List.of(), true, true), TODAY);
            assertThat(followed.result()).isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD_PAYMENT_PLAN_FOLLOWED);
            assertThat(followed.result().inOrder()).isTrue();
            Analysis notFollowed = procurement.analyse(account(quarters, List.of(), true, false), TODAY);
            assertThat(notFollowed.result()).isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
            assertThat(notFollowed.result().inOrder()).isFalse();
            assertThat(procurement.analyse(account(quarters, List.of(), false, true), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
        }

        @Test
        void aQuarterNotYetDueDoesNotCount() {
            assertThat(procurement.analyse(account(open("2026Q4", 9_000_000)), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.NO_DEBT);
        }
    }

    @Nested
    class Art30bis {
        @Test
        void twoThousandFiveHundredEurosIsNoWithholdingOneCentMoreIs() {
            Analysis at = art30bis.analyse(account(open("2026Q2", 250_000)), TODAY);
            assertThat(at.withholding()).isEqualTo(Withholding.NEEN);
            Analysis above = art30bis.analyse(account(open("2026Q2", 250_001)), TODAY);
            assertThat(above.withholding()).isEqualTo(Withholding.JA);
            assertThat(above.result()).isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
        }

        @Test
        void aMissingDmfaInThePenultimateQuarterMeansWithholding() {
            assertThat(Art30bisRule.penultimateElapsedQuarter(TODAY)).isEqualTo(Quarter.parse("2026Q2"));
            Quarter q = Quarter.parse("2026Q2");
            QuarterEntry missing = new QuarterEntry(q, 0, 0, 0, 0, 0, q.defaultDueDate(), false);
            Analysis a = art30bis.analyse(account(missing), TODAY);
            assertThat(a.withholding()).isEqualTo(Withholding.JA);
            assertThat(a.result()).isEqualTo(BalanceAnalysisResult.MISSING_DECLARATIONS);
            assertThat(a.missingDeclarationQuarters()).containsExactly(q);
        }

        @Test
        void aDmfaMissingOnlyInTheLastElapsedQuarterIsNotYetLate() {
            Quarter q = Quarter.parse("2026Q3");
            QuarterEntry missing = new QuarterEntry(q, 0, 0, 0, 0, 0, q.defaultDueDate(), false);
            Analysis a = art30bis.analyse(account(missing, open("2026Q2", 0)), TODAY);
            assertThat(a.withholding()).isEqualTo(Withholding.NEEN);
            assertThat(a.missingDeclarationQuarters()).isEmpty();
        }

        @Test
        void aPaymentPlanDoesNotLiftTheWithholding() {
            Analysis a = art30bis.analyse(account(List.of(open("2026Q2", 1_000_000)), List.of(), true, true), TODAY);
            assertThat(a.withholding()).isEqualTo(Withholding.JA);
        }
    }

    @Nested
    class OtherContexts {
        @Test
        void suspensionOfEnforceabilityRefusesAnyDebtByDefault() {
            SuspensionEnforceabilityRule rule = new SuspensionEnforceabilityRule(0, false);
            assertThat(rule.analyse(account(open("2026Q2", 1)), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
            assertThat(rule.analyse(account(open("2026Q2", 0)), TODAY).result()).isEqualTo(BalanceAnalysisResult.NO_DEBT);
            assertThat(new SuspensionEnforceabilityRule(0, true)
                    .analyse(account(List.of(open("2026Q2", 1)), List.of(), true, true), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD_PAYMENT_PLAN_FOLLOWED);
        }

        @Test
        void otherArticleUsesItsOwnThreshold() {
            OtherArticleRule rule = new OtherArticleRule(100_000);
            assertThat(rule.analyse(account(open("2026Q2", 100_000)), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_BELOW_THRESHOLD);
            assertThat(rule.analyse(account(open("2026Q2", 100_001)), TODAY).result())
                    .isEqualTo(BalanceAnalysisResult.DEBT_ABOVE_THRESHOLD);
        }
    }

    @Nested
    class Quarters {
        @Test
        void defaultDueDateIsTheLastDayOfTheMonthAfterTheQuarter() {
            assertThat(Quarter.parse("2026Q1").defaultDueDate()).isEqualTo(LocalDate.of(2026, 4, 30));
            assertThat(Quarter.parse("2026Q4").defaultDueDate()).isEqualTo(LocalDate.of(2027, 1, 31));
        }

        @Test
        void closingQuarterIsTheLastExpiredOne() {
            assertThat(LegalContextRule.closingQuarter(TODAY)).isEqualTo(Quarter.parse("2026Q3"));
            assertThat(LegalContextRule.closingQuarter(LocalDate.of(2027, 1, 31))).isEqualTo(Quarter.parse("2026Q4"));
            assertThat(LegalContextRule.closingQuarter(LocalDate.of(2027, 1, 30))).isEqualTo(Quarter.parse("2026Q3"));
        }
    }
}
