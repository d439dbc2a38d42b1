package io.reportingsuite.forwarder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.reportingsuite.devstack.test.SharedDevStack;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * A "SKAT's MQ" that answers but says no: a real Artemis with security on, where the platform's user may
 * connect and consume but not send. The forwarder's {@code skat} connection points at it; everything else
 * is the shared devstack (the suite's broker). A send to EP_SK1 is refused, as a missing permission at
 * SKAT would refuse it: not an unreachable MQ, so no retry window.
 */
public class RefusingSkatMq implements QuarkusTestResourceLifecycleManager {

    static final String USER = "platform";

    private EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(SharedDevStack.get().quarkusConfig(null));
        try (ServerSocket free = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = free.getLocalPort();
            free.close();
            Configuration c = new ConfigurationImpl().setName("skat-refusing").setPersistenceEnabled(false)
                    .setSecurityEnabled(true).addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port);
            // name, send, consume, create/delete durable queue, create/delete non-durable queue, manage, browse,
            // create/delete address
            c.putSecurityRoles("#", Set.of(new Role("platform", false, true, true, true, true, true, false, true,
                    true, true)));
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(USER, USER);
            users.addRole(USER, "platform");
            broker = new EmbeddedActiveMQ().setConfiguration(c)
                    .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
            broker.start();
            config.put("quarkus.artemis.\"skat\".url", "tcp://127.0.0.1:" + port);
            config.put("quarkus.artemis.\"skat\".username", USER);
            config.put("quarkus.artemis.\"skat\".password", USER);
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("the refusing SKAT MQ did not start", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
