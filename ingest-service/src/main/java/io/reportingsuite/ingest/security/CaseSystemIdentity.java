package io.reportingsuite.ingest.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.reportingsuite.support.casesystem.RegisteredSystem;

/**
 * How a case system appears in Quarkus Security: every authenticated case system has the role
 * {@value #ROLE} (what {@code quarkus.http.auth.policy.case-system} asks for) and carries its name in the
 * attribute {@value #ATTRIBUTE}; the principal's name is the case system's name too.
 */
public final class CaseSystemIdentity {

    /** The role every authenticated case system has. */
    public static final String ROLE = "case-system";
    /** The identity attribute holding the case system's name (e.g. {@code KY}). */
    public static final String ATTRIBUTE = "case-system";

    private CaseSystemIdentity() {
    }

    static SecurityIdentity of(RegisteredSystem system, String mechanism) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(system.name())).addRole(ROLE)
                .addAttribute(ATTRIBUTE, system.name()).addAttribute("authenticated-by", mechanism).build();
    }

    /** The case system of an identity, or null for anyone else (anonymous, or not a case system). */
    public static String caseSystem(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(ROLE)) {
            return null;
        }
        Object name = identity.getAttribute(ATTRIBUTE);
        return name instanceof String s ? s : null;
    }
}
