package org.l2tp.pppd;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.AddressSource;
import org.l2tp.api.ppp.PppEngine;
import org.l2tp.api.ppp.PppExitListener;
import org.l2tp.api.ppp.PppLauncher;
import org.l2tp.api.ppp.PppProcess;
import org.l2tp.api.ppp.PppSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The PPP launcher service: the PPP profiles ({@code org.l2tp.ppp}, handed over through {@link ProfileTable}) and
 * their pools, and per session the profile's engine: pppd (started here), or the in-process engine of the bundle
 * org.l2tp.ppp.
 */
@Component(service = {PppLauncher.class, ProfileTable.class})
public class PppdLauncher implements PppLauncher, ProfileTable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.pppd");
    private final Map<String, PppProfileComponent> profiles = new ConcurrentHashMap<>();
    private final Map<String, AddressPool> pools = new ConcurrentHashMap<>();
    /** Per profile: the pool address an in-process LNS keeps for its own end when the profile names none. */
    private final Map<String, String> ownAddress = new ConcurrentHashMap<>();
    private Pppd pppd;
    private volatile PppEngine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEngine(PppEngine e) {
        this.engine = e;
    }

    void unsetEngine(PppEngine e) {
        if (this.engine == e) {
            this.engine = null;
        }
    }

    @Override
    public void removeProfile(PppProfileComponent p) {
        profiles.values().remove(p);
    }

    @Override
    public void putProfile(PppProfileComponent c) {
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
        // Our own address inside the pool is never a peer's.
        AddressPool pool = pools.get(p.name());
        if (pool != null && p.localAddress() != null) {
            pool.reserve(p.localAddress());
        }
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
        if (p.engine().equals(PppProfile.ENGINE_INPROCESS)) {
            return inProcess(p, session, sessionFd, onExit);
        }
        return pppd.start(p, pools.get(p.name()), session, sessionFd, onExit);
    }

    private PppProcess inProcess(PppProfile p, SessionParameters session, int sessionFd, PppExitListener onExit)
            throws IOException {
        PppEngine e = engine;
        if (e == null) {
            throw new IOException("PPP profile " + p.name() + " has engine = inprocess, but the bundle org.l2tp.ppp "
                    + "is not running");
        }
        AddressPool pool = pools.get(p.name());
        String local = p.localAddress();
        if (session.lns()) {
            if (pool == null) {
                throw new IOException("PPP profile " + p.name() + " has no pool: an in-process LNS assigns every "
                        + "peer an address from it");
            }
            if (local == null) {
                local = ownAddress.computeIfAbsent(p.name(), k -> pool.lease());
                if (local == null) {
                    throw new IOException("address pool of PPP profile " + p.name() + " is exhausted");
                }
            }
        }
        // Our LAC is the client: the LNS authenticates it; it does not ask the LNS to authenticate itself.
        PppSettings settings = new PppSettings(p.name(), session.lns() ? p.requiredMethods() : List.of(), p.aaa(),
                p.allowedMethods(), p.localName(), p.localPassword(), local, p.dns(), p.mtu(), p.mru(),
                p.lcpEchoInterval(), p.lcpEchoFailure(), p.ipv6(), p.debug(),
                source(pool), name -> source(pools.get(name)));
        return e.start(session, sessionFd, settings, onExit);
    }

    /** A pool as the in-process engine takes from it; null for none. */
    private static AddressSource source(AddressPool pool) {
        if (pool == null) {
            return null;
        }
        return new AddressSource() {
            @Override
            public String lease() {
                return pool.lease();
            }

            @Override
            public void release(String address) {
                pool.release(address);
            }

            @Override
            public boolean reserve(String address) {
                return pool.take(address);
            }

            @Override
            public boolean contains(String address) {
                return pool.contains(address);
            }
        };
    }
}
