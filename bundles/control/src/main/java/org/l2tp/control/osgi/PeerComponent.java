package org.l2tp.control.osgi;

import java.util.Map;
import java.util.function.Consumer;

import org.l2tp.control.PeerConfig;
import org.l2tp.control.PeerOcd;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One peer configuration (factory PID {@code org.l2tp.peer}). It only holds the properties and tells the daemon
 * when they change; {@code @Modified} keeps it, and so the peer's tunnel, alive across edits. Its configuration is
 * never published as service properties, so the secret stays out of the service registry.
 */
@Component(configurationPid = PeerConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = PeerComponent.class)
@Designate(ocd = PeerOcd.class, factory = true)
public class PeerComponent {
    private volatile Map<String, Object> properties = Map.of();
    private volatile Consumer<PeerComponent> listener;

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        this.properties = Map.copyOf(props);
        Consumer<PeerComponent> l = listener;
        if (l != null) {
            l.accept(this);
        }
    }

    Map<String, Object> properties() {
        return properties;
    }

    String pid() {
        Object pid = properties.get(Constants.SERVICE_PID);
        return pid == null ? "?" : pid.toString();
    }

    void listen(Consumer<PeerComponent> l) {
        this.listener = l;
        if (l != null) {
            l.accept(this);
        }
    }
}
