package org.l2tp.pppd;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppExitListener;
import org.l2tp.api.ppp.PppLauncher;
import org.l2tp.api.ppp.PppProcess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The PPP launcher service: pppd per session, with the PPP profiles ({@code org.l2tp.ppp}) and their pools. */
@Component(service = PppLauncher.class)
public class PppdLauncher implements PppLauncher {
    private static final Logger LOG = Logger.getLogger("org.l2tp.pppd");
    private final Map<String, PppProfileComponent> profiles = new ConcurrentHashMap<>();
    private final Map<String, AddressPool> pools = new ConcurrentHashMap<>();
    private Pppd pppd;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProfile(PppProfileComponent p) {
        p.listen(this::profileChanged);
    }

    void removeProfile(PppProfileComponent p) {
        p.listen(null);
        profiles.values().remove(p);
    }

    private void profileChanged(PppProfileComponent c) {
        PppProfile p = c.profile();
        if (p == null) {
            return;
        }
        profiles.values().remove(c);
        profiles.put(p.name(), c);
        // Shrinking a pool never takes an address from a live session: leases survive reconfiguration.
        pools.compute(p.name(), (k, old) -> {
            if (old == null) {
                return p.pool() == null ? null : new AddressPool(p.pool());
            }
            old.reconfigure(p.pool());
            return old;
        });
        LOG.info(() -> "PPP profile " + p.name() + " applied");
    }

    @Activate
    void activate() {
        pppd = new Pppd(100);
    }

    @Deactivate
    void deactivate() {
        pppd.close();
    }

    @Override
    public PppProcess launch(SessionParameters session, int sessionFd, PppExitListener onExit) throws IOException {
        String name = session.pppProfile() == null ? "default" : session.pppProfile();
        PppProfileComponent c = profiles.get(name);
        PppProfile p = c != null && c.profile() != null ? c.profile() : PppProfile.DEFAULT;
        return pppd.start(p, pools.get(p.name()), session, sessionFd, onExit);
    }
}
