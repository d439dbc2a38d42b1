package io.reportingsuite.ingest.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.reportingsuite.ingest.batch.BatchChannelConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The batch channel's administrator (the mandate registry, {@code /api/v1/batch-channel/*}): role {@value #ROLE}
 * only, never {@code case-system}, so it can submit nothing, and no case system can administer. Authenticated by
 * the Basic user {@code ingest.batch-channel.admin.basic-user}/{@code basic-password} (local runs, tests) or a
 * client certificate whose subject is one of {@code ingest.batch-channel.admin.certificate-subjects}.
 */
public final class BatchAdminIdentity {

    /** The role of a batch administrator. */
    public static final String ROLE = "batch-admin";

    private BatchAdminIdentity() {
    }

    static SecurityIdentity of(String name, String mechanism) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(ROLE)
                .addAttribute("authenticated-by", mechanism).build();
    }

    /** Whether the credentials are the configured batch administrator's (compared in constant time). */
    static boolean matches(BatchChannelConfig.Admin admin, String user, String password) {
        return admin.basicPassword().isPresent() && admin.basicUser().equals(user)
                && MessageDigest.isEqual(admin.basicPassword().get().getBytes(StandardCharsets.UTF_8),
                        password.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a certificate subject is a configured batch administrator's. */
    static boolean matches(BatchChannelConfig.Admin admin, X500Principal subject) {
        for (String configured : admin.certificateSubjects().orElse(List.of())) {
            if (new X500Principal(configured).equals(subject)) {
                return true;
            }
        }
        return false;
    }
}
