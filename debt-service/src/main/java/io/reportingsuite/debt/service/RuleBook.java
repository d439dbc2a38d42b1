package io.reportingsuite.debt.service;

import io.reportingsuite.debt.config.DebtConfig;
import io.reportingsuite.debt.rules.Art30bisRule;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.rules.LegalContextRule;
import io.reportingsuite.debt.rules.OtherArticleRule;
import io.reportingsuite.debt.rules.PublicProcurementRule;
import io.reportingsuite.debt.rules.SuspensionEnforceabilityRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/** The rule of each legal context, built once from the configured thresholds. */
@ApplicationScoped
public class RuleBook {

    private final Map<LegalContext, LegalContextRule> rules = new EnumMap<>(LegalContext.class);

    public RuleBook(DebtConfig config) {
        DebtConfig.Rules r = config.rules();
        rules.put(LegalContext.PUBLIC_PROCUREMENT, new PublicProcurementRule(r.publicProcurementThresholdCents()));
        rules.put(LegalContext.ART_30BIS, new Art30bisRule(r.art30bisThresholdCents()));
        rules.put(LegalContext.SUSPENSION_ENFORCEABILITY, new SuspensionEnforceabilityRule(
                r.suspensionEnforceabilityThresholdCents(), r.suspensionEnforceabilityPaymentPlanExempts()));
        rules.put(LegalContext.OTHER_ARTICLE, new OtherArticleRule(r.otherArticleThresholdCents()));
    }

    public LegalContextRule rule(LegalContext context) {
        return rules.get(context);
    }
}
