package org.l2tp.radius;

import java.util.Map;
import java.util.logging.Logger;

import org.l2tp.radius.client.RadiusServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One RADIUS server (factory PID {@code org.l2tp.radius}), handed to {@link RadiusComponent}. It registers no
 * service, so its secret never becomes a service property. An invalid configuration is logged by name and ignored:
 * a new one leaves the server absent, a changed one keeps the last good one.
 */
@Component(configurationPid = RadiusServerConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = RadiusServerConfig.Ocd.class, factory = true)
public class RadiusServerConfig {
    public static final String FACTORY_PID = "org.l2tp.radius";
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");

    @ObjectClassDefinition(name = "L2TP RADIUS server", description = "A RADIUS server for authentication "
            + "(RFC 2865) and/or accounting (RFC 2866). Servers are asked in priority order; one that does not "
            + "answer is skipped for its dead time.")
    @interface Ocd {
        @AttributeDefinition(name = "Name", required = false,
                description = "Shown by l2tp:radius; empty: the configuration's name.")
        String name();

        @AttributeDefinition(name = "Host", description = "Host name or address (resolved when applied).")
        String host();

        @AttributeDefinition(name = "Authentication port", min = "0", max = "65535",
                description = "0: not used for authentication.")
        int auth_port() default 1812;

        @AttributeDefinition(name = "Accounting port", min = "0", max = "65535",
                description = "0: not used for accounting.")
        int acct_port() default 1813;

        @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD, description = "The shared secret.")
        String secret();

        @AttributeDefinition(name = "Priority", description = "Lower is asked first; ties by name.")
        int priority() default 1;

        @AttributeDefinition(name = "Timeout (ms)", min = "1", max = "600000",
                description = "Wait for an answer before retransmitting.")
        int timeout_ms() default 3000;

        @AttributeDefinition(name = "Retries", min = "0", max = "100",
                description = "Retransmissions before failing over to the next server (2: 3 transmissions).")
        int retries() default 2;

        @AttributeDefinition(name = "Dead time (s)", min = "0", max = "86400",
                description = "A server that let a request time out is skipped this long; 0: never skipped.")
        int dead_time_s() default 30;
    }

    @Reference
    RadiusComponent radius;

    private String pid;
    private RadiusServer applied;

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        pid = ConfigNames.pid(props);
        RadiusServer s;
        try {
            s = from(props);
        } catch (IllegalArgumentException e) {
            // The messages name the server and the key, never the secret.
            LOG.warning("RADIUS server refused, " + e.getMessage() + (applied != null
                    ? "; keeping the previous one" : ""));
            return;
        }
        applied = s;
        radius.putServer(pid, s);
    }

    /**
     * Gone for good (deleted, disabled): removed. Not when RadiusComponent itself goes away or the bundle stops:
     * it still needs its servers for Accounting-Off.
     */
    @Deactivate
    void deactivate(int reason) {
        if (ConfigNames.gone(reason)) {
            radius.removeServer(pid);
        }
    }

    static RadiusServer from(Map<String, ?> p) {
        String name = ConfigNames.name(FACTORY_PID, p);
        String host = ConfigNames.text(p, "host");
        if (host == null) {
            throw new IllegalArgumentException("RADIUS server " + name + " has no host");
        }
        Object secret = p.get("secret");
        return new RadiusServer(name, host, ConfigNames.number(p, "auth.port", 1812),
                ConfigNames.number(p, "acct.port", 1813), secret == null ? "" : secret.toString(),
                ConfigNames.number(p, "priority", 1), ConfigNames.number(p, "timeout.ms", 3000),
                ConfigNames.number(p, "retries", 2), ConfigNames.number(p, "dead.time.s", 30));
    }
}
