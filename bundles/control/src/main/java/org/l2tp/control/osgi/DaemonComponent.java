package org.l2tp.control.osgi;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import org.l2tp.api.ControlTrace;
import org.l2tp.api.DaemonStatus;
import org.l2tp.api.L2tpListener;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.dataplane.DataPlane;
import org.l2tp.control.ConfigException;
import org.l2tp.control.ControlPlane;
import org.l2tp.control.DaemonConfig;
import org.l2tp.control.DaemonOcd;
import org.l2tp.control.PeerConfig;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * The daemon as a DS component: configuration PID {@code org.l2tp.daemon} (optional: defaults work), the peers of
 * factory PID {@code org.l2tp.peer} (they hand themselves over through {@link PeerTable}), the data planes
 * registered as services, and L2tpListener services on the whiteboard. Configuration changes are applied in place:
 * the component is not restarted and tunnels stay up.
 *
 * <p>DS would publish the configuration, default tunnel {@code secret} included, as the properties of a service the
 * component declares; so it declares none and registers {@link L2tpService} and {@link PeerTable} itself, with
 * {@code component.name} and {@code component.id} only (nothing filters on others). The capability says so to
 * resolvers, as DS's declaration did.
 */
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"org.l2tp.api.L2tpService,org.l2tp.control.osgi.PeerTable\"",
        uses = {L2tpService.class, PeerTable.class})
@Component(configurationPid = DaemonConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {}, immediate = true)
@Designate(ocd = DaemonOcd.class)
public class DaemonComponent implements L2tpService, PeerTable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.control");

    private final List<L2tpListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, DataPlane> dataPlanes = new ConcurrentHashMap<>();
    /** Every peer component handed over, and the peer name its configuration was applied under. */
    private final Map<PeerComponent, String> peers = new ConcurrentHashMap<>();
    private volatile DaemonConfig config;
    private volatile ControlPlane cp;
    private final StartupGate gate = new StartupGate();

    @Reference
    ConfigurationAdmin configAdmin;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDataPlane(DataPlane plane) {
        dataPlanes.put(plane.name(), plane);
        choosePlane();
    }

    void removeDataPlane(DataPlane plane) {
        dataPlanes.remove(plane.name(), plane);
        choosePlane();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(L2tpListener l) {
        listeners.add(l);
    }

    void removeListener(L2tpListener l) {
        listeners.remove(l);
    }

    @Override
    public void putPeer(PeerComponent peer) {
        peerChanged(peer);
    }

    @Override
    public void removePeer(PeerComponent peer) {
        String name = peers.remove(peer);
        ControlPlane c = cp;
        if (name != null && c != null) {
            c.removePeer(name);
        }
    }

    private void peerChanged(PeerComponent peer) {
        ControlPlane c = cp;
        DaemonConfig d = config;
        if (c == null || d == null) {
            return; // stopped by SIGTERM: the table is registered only once the control plane runs
        }
        try {
            applyPeer(c, d, peer);
        } finally {
            gate.heard(peer.properties());
        }
    }

    private void applyPeer(ControlPlane c, DaemonConfig d, PeerComponent peer) {
        try {
            PeerConfig pc = PeerConfig.from(peer.properties(), d);
            String old = peers.put(peer, pc.name());
            if (old != null && !old.equals(pc.name())) {
                c.removePeer(old);
            }
            c.putPeer(pc);
        } catch (ConfigException e) {
            LOG.warning(() -> "peer configuration " + peer.pid() + " refused, " + e.getMessage()
                    + (peers.containsKey(peer) ? "; keeping the previous one" : ""));
        }
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) throws IOException {
        this.context = context;
        try {
            config = DaemonConfig.from(properties);
        } catch (ConfigException e) {
            LOG.severe(() -> "configuration " + DaemonConfig.PID + " refused, " + e.getMessage()
                    + "; starting with the defaults");
            config = DaemonConfig.defaults();
        }
        Plane p = plane(config);
        ControlPlane c = new ControlPlane(config, p.plane, p.problem, new Listeners());
        // The peers' configurations (and with FileInstall even our own) may still be on their way: SCCRQs wait
        // for them, so that a configured peer's first SCCRQ meets its secret and a stranger the real policy.
        c.awaitConfiguration();
        gate.expect(configAdmin, context.getProperty("felix.fileinstall.dir"));
        gate.heard(properties);
        try {
            c.start();
        } catch (IOException e) {
            LOG.severe(() -> "l2tpd cannot start: " + e.getMessage());
            throw e;
        }
        cp = c;
        current = p;
        // A data plane bound while the daemon was starting is taken now (choosePlane skipped it: cp was null).
        choosePlane();
        Runtime.getRuntime().addShutdownHook(onSigterm);
        String problem = p.problem != null ? p.problem : p.plane.unavailableReason();
        if (problem != null) {
            LOG.warning(() -> "data plane " + config.dataPlane() + ": " + problem
                    + "; tunnels come up, calls are refused until it is fixed (or set dataplane=null)");
        }
        // The peers bind the table, and hand themselves over, right here: the control plane runs to take them.
        try {
            registration = context.registerService(
                    new String[] {L2tpService.class.getName(), PeerTable.class.getName()}, this,
                    safeProperties(properties));
        } catch (IllegalStateException bundleStopping) {
            deactivate(); // DS calls no deactivate after a failed activate: the control plane is running
            throw bundleStopping;
        }
        gate.whenComplete(c::configurationComplete, STARTUP_WAIT_S);
    }

    private volatile ServiceRegistration<?> registration;

    /** What DS would have published but the configuration: the component's identity. */
    private static Dictionary<String, Object> safeProperties(Map<String, Object> properties) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (String key : new String[] {"component.name", "component.id"}) {
            Object v = properties.get(key);
            if (v != null) {
                p.put(key, v);
            }
        }
        return p;
    }

    /** How long SCCRQs wait at most for configurations known to exist but not yet delivered. */
    private static final int STARTUP_WAIT_S = 10;

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            reconfigure(properties);
        } finally {
            gate.heard(properties);
        }
    }

    private void reconfigure(Map<String, Object> properties) {
        DaemonConfig next;
        try {
            next = DaemonConfig.from(properties);
        } catch (ConfigException e) {
            LOG.warning(() -> "configuration " + DaemonConfig.PID + " refused, " + e.getMessage()
                    + "; keeping the running one");
            return;
        }
        try {
            cp.reconfigure(next);
            config = next;
            choosePlane();
            LOG.info("configuration " + DaemonConfig.PID + " applied");
        } catch (IOException e) {
            LOG.warning(() -> "configuration " + DaemonConfig.PID + " refused, " + e.getMessage()
                    + "; keeping the running one");
        }
    }

    private volatile BundleContext context;

    /** How long SIGTERM waits for the framework to stop before the JVM goes on exiting. */
    private static final long SHUTDOWN_WAIT_MS = 15_000;

    /**
     * SIGTERM ends some runtimes (the embedded jar's launcher) without stopping the framework. The hook stops it, so
     * every bundle ends as on an operator's stop, in reverse start order: RADIUS sends its Stops and Accounting-Off
     * while the sessions still exist, then this daemon sends every peer its StopCCN. Karaf stops its framework
     * itself; stopping it twice is harmless. Should the framework not stop in time, the peers still get their
     * StopCCN here instead of finding out by retransmission time-outs.
     */
    private final Thread onSigterm = new Thread(this::sigterm, "l2tpd-shutdown");

    private void sigterm() {
        BundleContext ctx = context;
        try {
            org.osgi.framework.Bundle system = ctx == null ? null : ctx.getBundle(0);
            if (system != null) {
                LOG.info("SIGTERM: stopping the OSGi framework");
                system.stop();
                if (system instanceof org.osgi.framework.launch.Framework f) {
                    f.waitForStop(SHUTDOWN_WAIT_MS);
                }
            }
        } catch (org.osgi.framework.BundleException | IllegalStateException e) {
            LOG.warning(() -> "SIGTERM: the framework did not stop: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopDaemon(); // nothing left to do when the framework stopped us
    }

    @Deactivate
    void deactivate() {
        // First, as DS does with the services it registers: users and peers let go of a daemon still running.
        ServiceRegistration<?> r = registration;
        registration = null;
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered with the bundle
            }
        }
        gate.cancel();
        try {
            Runtime.getRuntime().removeShutdownHook(onSigterm);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook does the work
        }
        stopDaemon();
    }

    private void stopDaemon() {
        ControlPlane c;
        synchronized (this) {
            c = cp;
            cp = null;
        }
        if (c != null) {
            LOG.info("l2tpd stopping: StopCCN to every tunnel");
            c.shutdown(1000);
        }
    }

    private record Plane(DataPlane plane, String problem) {
    }

    /** {@code null} is the null plane; {@code kernel} the kernel's; {@code auto} the kernel's when it works here. */
    private Plane plane(DaemonConfig c) {
        DataPlane kernel = dataPlanes.get("kernel");
        switch (c.dataPlane()) {
            case "null":
                return new Plane(dataPlanes.getOrDefault("null", new org.l2tp.control.NullDataPlane()), null);
            default:
                if (kernel == null) {
                    return new Plane(null, "the kernel data plane is not installed (bundle org.l2tp.kernel)");
                }
                // The kernel plane answers for itself from then on (module loaded, PPP launcher bound...).
                return new Plane(kernel, null);
        }
    }

    private volatile Plane current;

    private void choosePlane() {
        ControlPlane c = cp;
        DaemonConfig d = config;
        if (c != null && d != null) {
            Plane p = plane(d);
            c.dataPlane(p.plane, p.plane != null ? p.plane.name() : d.dataPlane(), p.problem);
            if (!p.equals(current)) {
                current = p;
                String problem = p.problem != null ? p.problem : p.plane.unavailableReason();
                if (problem == null) {
                    LOG.info(() -> "data plane " + p.plane.name() + " ready: calls are accepted");
                } else {
                    LOG.warning(() -> "data plane " + d.dataPlane() + ": " + problem + "; calls are refused until "
                            + "that is fixed");
                }
            }
        }
    }

    private final class Listeners implements L2tpListener {
        @Override
        public void tunnelUp(TunnelInfo t) {
            listeners.forEach(l -> l.tunnelUp(t));
        }

        @Override
        public void tunnelDown(TunnelInfo t, int resultCode, String message) {
            listeners.forEach(l -> l.tunnelDown(t, resultCode, message));
        }

        @Override
        public void sessionUp(SessionInfo s) {
            listeners.forEach(l -> l.sessionUp(s));
        }

        @Override
        public void sessionDown(SessionInfo s, int resultCode, String message) {
            listeners.forEach(l -> l.sessionDown(s, resultCode, message));
        }

        @Override
        public void sessionDown(SessionInfo s, int resultCode, String message, org.l2tp.api.SessionEnd end) {
            listeners.forEach(l -> l.sessionDown(s, resultCode, message, end));
        }
    }

    // ------------------------------------------------------------ L2tpService, delegated

    @Override
    public DaemonStatus status() {
        return cp.status();
    }

    @Override
    public List<TunnelInfo> tunnels() {
        return cp.tunnels();
    }

    @Override
    public Optional<TunnelInfo> tunnel(int localTunnelId) {
        return cp.tunnel(localTunnelId);
    }

    @Override
    public List<SessionInfo> sessions(int localTunnelId) {
        return cp.sessions(localTunnelId);
    }

    @Override
    public CompletionStage<TunnelInfo> openTunnel(String peer) {
        return cp.openTunnel(peer);
    }

    @Override
    public CompletionStage<SessionInfo> openSession(int localTunnelId, String outgoingNumber) {
        return cp.openSession(localTunnelId, outgoingNumber);
    }

    @Override
    public CompletionStage<Void> closeSession(int localTunnelId, int localSessionId, int resultCode, String message) {
        return cp.closeSession(localTunnelId, localSessionId, resultCode, message);
    }

    @Override
    public CompletionStage<Void> closeTunnel(int localTunnelId, int resultCode, String message) {
        return cp.closeTunnel(localTunnelId, resultCode, message);
    }

    @Override
    public List<String> peerNames() {
        return cp.peerNames();
    }

    @Override
    public CompletionStage<Void> debug(int localTunnelId, int localSessionId, ControlTrace trace, int kernelMask) {
        return cp.debug(localTunnelId, localSessionId, trace, kernelMask);
    }
}
