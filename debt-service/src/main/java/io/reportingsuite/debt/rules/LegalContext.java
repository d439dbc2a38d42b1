package io.reportingsuite.debt.rules;

/** Why a consumer asks (XSD {@code LegalContext}, SPEC §6.2); each has its own rule class. */
public enum LegalContext {
    /** Public procurement certificates through Telemarc, answered synchronously. */
    PUBLIC_PROCUREMENT,
    /** Art. 30bis/30ter withholding obligation. */
    ART_30BIS,
    /** Employer claims on the State: the 45-day suspension of enforceability procedure. */
    SUSPENSION_ENFORCEABILITY,
    /** Any other legal article that needs the debt. */
    OTHER_ARTICLE
}
