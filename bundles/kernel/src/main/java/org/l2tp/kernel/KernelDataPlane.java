package org.l2tp.kernel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.dataplane.DataPlane;
import org.l2tp.api.dataplane.DataSession;
import org.l2tp.api.dataplane.DataSessionListener;
import org.l2tp.api.dataplane.DataTunnel;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppLauncher;
import org.l2tp.api.ppp.PppProcess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Linux kernel's PPPoL2TP driver as the data plane, as its documentation describes: per tunnel a connected UDP
 * socket and a tunnel-management PPPoL2TP socket (session 0/0); per session a PPPoL2TP socket handed to pppd.
 */
@Component(service = DataPlane.class, property = DataPlane.NAME_PROPERTY + "=kernel",
        configurationPid = "org.l2tp.kernel")
@Designate(ocd = KernelDataPlane.Config.class)
public class KernelDataPlane implements DataPlane {
    private static final Logger LOG = Logger.getLogger("org.l2tp.kernel");

    @ObjectClassDefinition(name = "L2TP kernel data plane", description = "PPPoL2TP socket options. Changes apply "
            + "to sessions set up afterwards (debug: also to live ones).")
    @interface Config {
        @AttributeDefinition(name = "Data sequencing", description = "Send and require Ns/Nr on data messages "
                + "(PPPOL2TP_SO_SENDSEQ/RECVSEQ) even when the peer did not ask for it.")
        boolean data_sequencing() default false;

        @AttributeDefinition(name = "Reorder time-out (ms)", min = "0", max = "60000",
                description = "How long the kernel holds out-of-order data (PPPOL2TP_SO_REORDERTO); 0: drop them.")
        int reorder_timeout_ms() default 0;

        @AttributeDefinition(name = "Debug mask", min = "0", max = "255",
                description = "The kernel's PPPOL2TP_MSG_* mask (1 debug, 2 control, 4 seq, 8 data).")
        int debug() default 0;
    }

    private final Map<DatagramChannel, Integer> fds = new ConcurrentHashMap<>();
    private volatile Config config;
    private volatile String problem;
    private volatile PppLauncher ppp;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPpp(PppLauncher launcher) {
        this.ppp = launcher;
        // Before activation the kernel is not probed yet: configure() says whether calls can be carried.
        boolean probed = config != null;
        LOG.info("kernel data plane: PPP launcher available" + (probed && problem == null
                ? ", calls can be carried" : ""));
    }

    void unsetPpp(PppLauncher launcher) {
        if (this.ppp == launcher) {
            this.ppp = null;
        }
    }

    /**
     * Probes the kernel. Not a warning when it has no PPPoL2TP: this plane is there whether or not the daemon uses
     * it (dataplane=null does not); the daemon warns when it chose this plane (kernel, auto) and reports
     * {@link #unavailableReason} in l2tp:status and in the CDNs that refuse calls.
     */
    @Activate
    @Modified
    void configure(Config c) {
        this.problem = KernelSockets.probe();
        this.config = c;
        if (problem != null) {
            LOG.info("kernel data plane not available here: " + problem + " (matters only with the daemon's "
                    + "dataplane=kernel or auto)");
        } else {
            LOG.info("kernel data plane ready (PPPoL2TP); " + (ppp != null
                    ? "PPP launcher available, calls can be carried" : "no PPP launcher yet (bundle org.l2tp.pppd)"));
        }
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public String unavailableReason() {
        if (problem != null) {
            return problem;
        }
        return ppp == null ? "no PPP launcher: install the bundle org.l2tp.pppd" : null;
    }

    @Override
    public void closeTunnelSocket(DatagramChannel socket) throws IOException {
        fds.remove(socket);
        socket.close();
    }

    @Override
    public DatagramChannel openTunnelSocket(InetSocketAddress local, InetSocketAddress peer) throws IOException {
        DatagramChannel ch = DataPlane.super.openTunnelSocket(local, peer);
        try {
            fds.put(ch, ChannelFd.of(ch));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public DataTunnel createTunnel(DatagramChannel socket, int localTunnelId, int peerTunnelId) throws IOException {
        Integer udpFd = fds.get(socket);
        if (udpFd == null) {
            // Opened before this data plane was there (the daemon started first): find its descriptor now.
            udpFd = ChannelFd.of(socket);
            fds.put(socket, udpFd);
        }
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteAddress();
        int fd = KernelSockets.openTunnel(udpFd, peer, localTunnelId, peerTunnelId);
        Config c = config;
        if (c.debug() != 0) {
            KernelSockets.setOption(fd, Pppol2tp.PPPOL2TP_SO_DEBUG, c.debug());
        }
        return new KernelTunnel(socket, udpFd, fd, peer, localTunnelId, peerTunnelId);
    }

    /** Sets the kernel's debug mask on a PPPoL2TP socket; a failure is logged, not thrown at the operator. */
    private static void debug(int fd, int mask, String what) {
        try {
            KernelSockets.setOption(fd, Pppol2tp.PPPOL2TP_SO_DEBUG, mask);
        } catch (IOException e) {
            LOG.warning(what + ": " + e.getMessage());
        }
    }

    /** One kernel tunnel: the management socket on the tunnel's UDP socket. */
    private final class KernelTunnel implements DataTunnel {
        private final DatagramChannel channel;
        private final int udpFd;
        private final int fd;
        private final InetSocketAddress peer;
        private final int localId;
        private final int peerId;
        private final Map<Integer, KernelSession> sessions = new ConcurrentHashMap<>();
        private volatile boolean closed;

        KernelTunnel(DatagramChannel channel, int udpFd, int fd, InetSocketAddress peer, int localId, int peerId) {
            this.channel = channel;
            this.udpFd = udpFd;
            this.fd = fd;
            this.peer = peer;
            this.localId = localId;
            this.peerId = peerId;
        }

        @Override
        public DataSession createSession(SessionParameters p, DataSessionListener listener) throws IOException {
            PppLauncher launcher = ppp;
            if (launcher == null) {
                throw new IOException("no PPP launcher: install the bundle org.l2tp.pppd");
            }
            int s = KernelSockets.openSession(udpFd, peer, localId, p.localSessionId(), peerId, p.peerSessionId());
            Config c = config;
            boolean seq = p.sequencing() || c.data_sequencing();
            try {
                if (seq) {
                    KernelSockets.setOption(s, Pppol2tp.PPPOL2TP_SO_SENDSEQ, 1);
                    KernelSockets.setOption(s, Pppol2tp.PPPOL2TP_SO_RECVSEQ, 1);
                }
                if (p.lns()) {
                    KernelSockets.setOption(s, Pppol2tp.PPPOL2TP_SO_LNSMODE, 1);
                }
                if (c.reorder_timeout_ms() > 0) {
                    KernelSockets.setOption(s, Pppol2tp.PPPOL2TP_SO_REORDERTO, c.reorder_timeout_ms());
                }
                if (c.debug() != 0) {
                    KernelSockets.setOption(s, Pppol2tp.PPPOL2TP_SO_DEBUG, c.debug());
                }
            } catch (IOException | RuntimeException e) {
                KernelSockets.close(s);
                throw e;
            }
            // From here the session owns the socket: stop() closes it, once. PPP may end on its own before launch()
            // returns (the in-process engine runs on its own threads): the session is in the map first, and a PPP
            // that comes back for a session already ended is stopped at once.
            KernelSession ks = new KernelSession(this, s, p.localSessionId());
            sessions.put(p.localSessionId(), ks);
            PppProcess proc;
            try {
                proc = launcher.launch(new SessionParameters(p.localTunnelId(), p.peerTunnelId(),
                        p.localSessionId(), p.peerSessionId(), p.lns(), seq, p.pppProfile(), p.call()), s,
                        (status, result, reason) -> {
                            if (ks.stop()) {
                                listener.ended(result, reason);
                            }
                        });
            } catch (IOException | RuntimeException e) {
                ks.stop();
                throw e;
            }
            ks.attach(proc);
            return ks;
        }

        @Override
        public DataCounters counters() {
            try {
                return KernelSockets.stats(fd, localId, 0);
            } catch (IOException e) {
                return DataCounters.ZERO;
            }
        }

        @Override
        public void setDebug(int mask) {
            debug(fd, mask, "tunnel " + localId);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (KernelSession s : sessions.values()) {
                s.stop();
            }
            KernelSockets.close(fd);
            fds.remove(channel);
        }
    }

    /** One kernel session: its PPPoL2TP socket and its PPP (a pppd, or a link of the in-process engine). */
    private static final class KernelSession implements DataSession {
        private final KernelTunnel tunnel;
        private final int fd;
        private final int localId;
        private volatile PppProcess ppp;
        private boolean closed;

        KernelSession(KernelTunnel tunnel, int fd, int localId) {
            this.tunnel = tunnel;
            this.fd = fd;
            this.localId = localId;
        }

        @Override
        public String interfaceName() {
            PppProcess p = ppp;
            return p == null ? null : p.interfaceName();
        }

        @Override
        public org.l2tp.api.ppp.PppInfo ppp() {
            PppProcess p = ppp;
            return p == null ? null : p.info();
        }

        @Override
        public void setAccm(long sendAccm, long receiveAccm) {
            // Synchronous PPP over L2TP has no ACCM to apply; pppd negotiates its own for async links.
        }

        @Override
        public DataCounters counters() {
            try {
                return KernelSockets.stats(tunnel.fd, tunnel.localId, localId);
            } catch (IOException e) {
                return DataCounters.ZERO;
            }
        }

        @Override
        public void setDebug(int mask) {
            debug(fd, mask, "session " + localId);
        }

        @Override
        public void close() {
            stop();
        }

        /** Stops pppd and closes the socket; true the first time. */
        /** The session's PPP, once launched; stopped at once when the session ended meanwhile. */
        void attach(PppProcess p) {
            boolean stopNow;
            synchronized (this) {
                ppp = p;
                stopNow = closed;
            }
            if (stopNow) {
                p.stop();
            }
        }

        synchronized boolean stop() {
            if (closed) {
                return false;
            }
            closed = true;
            PppProcess p = ppp;
            if (p != null) {
                p.stop();
            }
            KernelSockets.close(fd);
            tunnel.sessions.remove(localId, this);
            return true;
        }
    }
}
