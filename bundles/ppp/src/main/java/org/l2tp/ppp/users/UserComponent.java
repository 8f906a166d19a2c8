package org.l2tp.ppp.users;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One local user (factory PID {@code org.l2tp.user}), collected by {@link LocalUsers}. An invalid configuration is
 * logged by name only and ignored: a new one leaves the user absent, a changed one keeps the last good one (as the
 * project's other components do).
 */
@Component(configurationPid = UserComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = UserComponent.class)
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
    private volatile Consumer<UserComponent> listener;

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        try {
            user = User.from(props);
        } catch (IllegalArgumentException e) {
            // User's messages name the user and never the password.
            LOG.warning("local user refused, " + e.getMessage() + (user != null ? "; keeping the previous one"
                    : ""));
            return;
        }
        generation = GENERATIONS.incrementAndGet();
        Consumer<UserComponent> l = listener;
        if (l != null) {
            l.accept(this);
        }
    }

    /** The user, or null while the configuration is invalid. */
    User user() {
        return user;
    }

    long generation() {
        return generation;
    }

    void listen(Consumer<UserComponent> l) {
        this.listener = l;
        if (l != null) {
            l.accept(this);
        }
    }

    @Override
    public String toString() {
        User u = user;
        return "UserComponent[" + (u != null ? u.name() : "invalid") + "]";
    }
}
