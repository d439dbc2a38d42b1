package io.reportingsuite.debt.config;

import io.reportingsuite.debt.rules.LegalContext;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Set;

/** debt-service configuration ({@code debt.*}); application.properties only sets values. */
@ConfigMapping(prefix = "debt")
public interface DebtConfig {

    /** The legal thresholds of the rules (SPEC §6.3), in euro cents. */
    Rules rules();

    /**
     * The consumers (KSZ-style requesters), by name: the name is the authenticated user (HTTP Basic) or the
     * role mapped from its client certificate, and each is allowed only its legal contexts.
     */
    Map<String, Consumer> consumers();

    /** Grouped batches (SPEC §6.4). */
    Batch batch();

    /** Requests from the Belgian batch channel (consumers {@code batch-channel:<channel user>}). */
    BatchChannel batchChannel();

    /** The largest request body accepted (SOAP, REST, imports); larger ones are refused with 413. */
    @WithDefault("20M")
    String maxRequestSize();

    interface Rules {
        /** Public procurement: in order at or below this debt (EUR 3 000.00, KB 18 April 2017). */
        @WithDefault("300000")
        long publicProcurementThresholdCents();

        /** Art. 30bis: withholding applies above this debt (EUR 2 500.00). */
        @WithDefault("250000")
        long art30bisThresholdCents();

        /** Suspension of enforceability: the debt above which the State may not pay the employer's claim. */
        @WithDefault("0")
        long suspensionEnforceabilityThresholdCents();

        /** Suspension of enforceability: whether a followed payment plan lifts the refusal. */
        @WithDefault("false")
        boolean suspensionEnforceabilityPaymentPlanExempts();

        /** Other legal articles: in order at or below this debt. */
        @WithDefault("300000")
        long otherArticleThresholdCents();
    }

    interface Consumer {
        /** The legal contexts this consumer may ask about; any other is refused (403 / SOAP fault). */
        Set<LegalContext> legalContexts();
    }

    interface BatchChannel {
        /**
         * The legal contexts every batch-channel consumer may ask about. Public procurement is answered
         * synchronously only (Telemarc, SPEC §6.1, §6.4), so it is not among them by default.
         */
        @WithDefault("ART_30BIS,SUSPENSION_ENFORCEABILITY,OTHER_ARTICLE")
        Set<LegalContext> legalContexts();
    }

    interface Batch {
        /** Results are sent grouped: one {@code debt.batch-results} document per this many answers. */
        @WithDefault("1000")
        int groupSize();

        /** How many items the worker computes and commits in one transaction (its restart granularity). */
        @WithDefault("500")
        int chunkSize();

        /** The largest batch accepted. */
        @WithDefault("200000")
        int maxItems();

        /** Whether this instance works on pending batches (off for a query-only replica). */
        @WithDefault("true")
        boolean workerEnabled();
    }
}
