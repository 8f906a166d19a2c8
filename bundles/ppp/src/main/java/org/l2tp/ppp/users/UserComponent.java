package org.l2tp.ppp.users;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * One local user (factory PID {@code org.l2tp.user}). It registers no service, so its configuration (the password)
 * never becomes service properties; it hands itself to {@link LocalUsers} ({@link UserTable}) instead. An invalid
 * configuration is logged by name only and ignored: a new one leaves the user absent, a changed one keeps the last
 * good one (as the project's other components do).
 *
 * <p>The table is an optional dynamic reference, so this component outlives it: a table that restarts gets the user
 * again at bind, the last good one included.
 */
@Component(configurationPid = UserComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = UserComponent.Ocd.class, factory = true)
public class UserComponent {
    public static final String FACTORY_PID = "org.l2tp.user";
    private static final Logger LOG = Logger.getLogger("org.l2tp.ppp.users");
    /** Orders configurations: among users of the same name the later one wins. */
    private static final AtomicLong GENERATIONS = new AtomicLong();

    @ObjectClassDefinition(name = "L2TP local user", description = "A PPP user of the local authenticator "
            + "(PAP, CHAP, MS-CHAPv2).")
    @interface Ocd {
        @AttributeDefinition(name = "Name", description = "The name the peer gives (PAP Peer-ID, CHAP Name).")
        String name();

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
        String password();

        @AttributeDefinition(name = "Address", required = false,
                description = "A fixed IPv4 address for the peer; empty to take one from the profile's pool.")
        String address();
    }

    private volatile User user;
    private volatile long generation;
    /** Guarded by this: the table hears of the user in the order its configuration and binding changed. */
    private UserTable table;
    private boolean active;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindTable(UserTable t) {
        table = t;
        if (active && user != null) { // bound before activation, the table hears of the user then
            t.putUser(this);
        }
    }

    /** The table is going away: nothing to take back from it. */
    synchronized void unbindTable(UserTable t) {
        if (table == t) {
            table = null;
        }
    }

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> props) {
        active = true;
        try {
            user = User.from(props);
        } catch (IllegalArgumentException e) {
            // User's messages name the user and never the password.
            LOG.warning("local user refused, " + e.getMessage() + (user != null ? "; keeping the previous one"
                    : ""));
            return;
        }
        generation = GENERATIONS.incrementAndGet();
        if (table != null) {
            table.putUser(this);
        }
    }

    /** The configuration is deleted (or the bundle stops). */
    @Deactivate
    synchronized void deactivate() {
        active = false;
        if (table != null) {
            table.removeUser(this);
        }
    }

    /** The user, or null while the configuration is invalid. */
    User user() {
        return user;
    }

    long generation() {
        return generation;
    }

    @Override
    public String toString() {
        User u = user;
        return "UserComponent[" + (u != null ? u.name() : "invalid") + "]";
    }
}
