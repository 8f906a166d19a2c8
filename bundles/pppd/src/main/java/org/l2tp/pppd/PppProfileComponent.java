package org.l2tp.pppd;

import java.util.Map;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One PPP profile (factory PID {@code org.l2tp.ppp}); an invalid change is refused and the last good one kept. It
 * registers no service, so its configuration ({@code local.password}) never becomes service properties; it hands
 * itself to the launcher ({@link ProfileTable}) instead.
 *
 * <p>The launcher is an optional dynamic reference, so this component outlives it: a launcher that restarts gets the
 * profile again at bind, the last good one included.
 */
@Component(configurationPid = PppProfile.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = PppProfileComponent.Ocd.class, factory = true)
public class PppProfileComponent {
    private static final Logger LOG = Logger.getLogger("org.l2tp.pppd");

    @ObjectClassDefinition(name = "L2TP PPP profile", description = "How PPP runs for a session.")
    @interface Ocd {
        @AttributeDefinition(name = "Name", description = "Profile name; 'default' serves sessions without one.")
        String name() default "default";

        @AttributeDefinition(name = "pppd", description = "Path of pppd.")
        String pppd() default "/usr/sbin/pppd";

        @AttributeDefinition(name = "Engine", description = "Who runs PPP for a session: pppd (one process per "
                + "session, its plugins available) or inprocess (inside the daemon on the kernel's PPP channels).",
                options = {@Option(value = "pppd"), @Option(value = "inprocess")})
        String engine() default "inprocess";

        @AttributeDefinition(name = "Authentication", description = "What the LNS requires of the peer. "
                + "required: pppd's 'auth' (any method pppd has secrets for); in-process: mschap-v2, chap. "
                + "Or the methods in the order they are offered: e.g. mschap-v2, chap (pap, chap, mschap-v2; eap "
                + "with pppd only). none: no authentication at all, which gives anyone who gets a session an IP link.")
        String[] auth() default "required";

        @AttributeDefinition(name = "AAA", description = "Who decides for the in-process engine: local (users "
                + "of org.l2tp.user) or an AAA provider's name (radius).")
        String aaa() default "local";

        @AttributeDefinition(name = "Local password", required = false, type = AttributeType.PASSWORD,
                description = "The password this side authenticates itself with (a LAC placing calls in-process).")
        String local_password();

        @AttributeDefinition(name = "IPv6", description = "Negotiate IPv6CP (in-process engine).")
        boolean ipv6() default true;

        @AttributeDefinition(name = "Refuse", required = false, description = "Methods to refuse: pap, chap, ...")
        String[] refuse();

        @AttributeDefinition(name = "Local name", required = false)
        String local_name();

        @AttributeDefinition(name = "Local address", required = false)
        String local_address();

        @AttributeDefinition(name = "Pool", required = false,
                description = "Peer addresses for LNS sessions: A-B or A/len, comma-separated.")
        String pool();

        @AttributeDefinition(name = "DNS servers", required = false)
        String[] dns();

        @AttributeDefinition(name = "MTU", required = false, min = "0", max = "65535")
        int mtu();

        @AttributeDefinition(name = "MRU", required = false, min = "0", max = "65535")
        int mru();

        @AttributeDefinition(name = "LCP echo interval (s)", min = "0", max = "3600")
        int lcp_echo_interval() default 10;

        @AttributeDefinition(name = "LCP echo failures", min = "0", max = "100")
        int lcp_echo_failure() default 3;

        @AttributeDefinition(name = "Options file", required = false)
        String options_file();

        @AttributeDefinition(name = "Plugins", required = false, description = "Extra pppd plugins (radius.so, ...).")
        String[] plugins();

        @AttributeDefinition(name = "Extra options", required = false)
        String[] options();

        @AttributeDefinition(name = "Debug")
        boolean debug() default false;
    }

    /** Read by the launcher at every session, without the lock. */
    private volatile PppProfile profile;
    /** Guarded by this: the launcher hears of the profile in the order its configuration and binding changed. */
    private ProfileTable launcher;
    private boolean active;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindLauncher(ProfileTable l) {
        launcher = l;
        if (active && profile != null) { // bound before activation, the launcher hears of the profile then
            l.putProfile(this);
        }
    }

    /** The launcher is going away: nothing to take back from it. */
    synchronized void unbindLauncher(ProfileTable l) {
        if (launcher == l) {
            launcher = null;
        }
    }

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> props) {
        active = true;
        try {
            profile = PppProfile.from(props);
        } catch (IllegalArgumentException e) {
            LOG.warning("PPP profile refused, " + e.getMessage() + (profile != null ? "; keeping the previous one"
                    : ""));
            return;
        }
        if (launcher != null) {
            launcher.putProfile(this);
        }
    }

    /** The configuration is deleted (or the bundle stops). */
    @Deactivate
    synchronized void deactivate() {
        active = false;
        if (launcher != null) {
            launcher.removeProfile(this);
        }
    }

    PppProfile profile() {
        return profile;
    }
}
