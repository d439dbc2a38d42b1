package io.reportingsuite.debt.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.reportingsuite.debt.config.DebtConfig;
import io.reportingsuite.debt.rules.LegalContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Who a caller is as a debt consumer, and what it may ask (ARCHITECTURE §6): the name is the HTTP Basic user
 * or the CN of the client certificate; its legal contexts come from {@link DebtConfig#consumers()}.
 */
@ApplicationScoped
public class Consumers {

    private final DebtConfig config;

    public Consumers(DebtConfig config) {
        this.config = config;
    }

    public String name(SecurityIdentity identity) {
        Principal p = identity.getPrincipal();
        if (p instanceof X500Principal x500) {
            try {
                for (Rdn rdn : new LdapName(x500.getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        return rdn.getValue().toString();
                    }
                }
            } catch (InvalidNameException e) {
                return x500.getName();
            }
        }
        return p.getName();
    }

    /** The prefix of the consumers ingest-service's batch channel submits for: {@code batch-channel:<user>}. */
    public static final String BATCH_CHANNEL_PREFIX = "batch-channel:";

    public static boolean isBatchChannel(String consumer) {
        return consumer != null && consumer.startsWith(BATCH_CHANNEL_PREFIX)
                && consumer.length() > BATCH_CHANNEL_PREFIX.length();
    }

    /**
     * A batch-channel consumer may use the contexts of {@code debt.batch-channel.legal-contexts}; any other
     * consumer not in the configuration is allowed nothing.
     */
    public boolean allowed(String consumer, LegalContext context) {
        if (isBatchChannel(consumer)) {
            return config.batchChannel().legalContexts().contains(context);
        }
        DebtConfig.Consumer c = config.consumers().get(consumer);
        return c != null && c.legalContexts().contains(context);
    }
}
