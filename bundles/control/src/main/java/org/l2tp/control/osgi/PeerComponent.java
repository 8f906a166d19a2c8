package org.l2tp.control.osgi;

import java.util.Map;

import org.l2tp.control.PeerConfig;
import org.l2tp.control.PeerOcd;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One peer configuration (factory PID {@code org.l2tp.peer}). It registers no service, so its configuration (the
 * secret) never becomes service properties; it hands itself to the daemon ({@link PeerTable}) instead.
 * {@code @Modified} keeps it, and so the peer's tunnel, alive across edits.
 *
 * <p>The daemon is an optional dynamic reference, so this component outlives it: a daemon that restarts gets the
 * peer again at bind, and the peer keeps its last configuration meanwhile.
 */
@Component(configurationPid = PeerConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = PeerOcd.class, factory = true)
public class PeerComponent {
    private volatile Map<String, Object> properties = Map.of();
    /** Guarded by this: the daemon hears of the peer in the order its configuration and binding changed. */
    private PeerTable daemon;
    private boolean active;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindDaemon(PeerTable d) {
        daemon = d;
        if (active) { // bound before activation, the daemon hears of the peer then
            d.putPeer(this);
        }
    }

    /**
     * The daemon is going away (its shutdown closes every tunnel) or this component is: nothing to remove here, or
     * the peer would hear "peer configuration removed".
     */
    synchronized void unbindDaemon(PeerTable d) {
        if (daemon == d) {
            daemon = null;
        }
    }

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> props) {
        this.properties = Map.copyOf(props);
        active = true;
        if (daemon != null) {
            daemon.putPeer(this);
        }
    }

    /** The configuration is deleted (or the bundle stops): the daemon closes the peer's tunnels. */
    @Deactivate
    synchronized void deactivate() {
        active = false;
        if (daemon != null) {
            daemon.removePeer(this);
        }
    }

    Map<String, Object> properties() {
        return properties;
    }

    String pid() {
        Object pid = properties.get(Constants.SERVICE_PID);
        return pid == null ? "?" : pid.toString();
    }
}
