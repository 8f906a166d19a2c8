package org.l2tp.ppp.engine;

import java.io.IOException;
import java.net.Inet4Address;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.api.ppp.PppExitListener;
import org.l2tp.api.ppp.PppInfo;
import org.l2tp.api.ppp.PppProcess;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.kernel.FrameHandler;
import org.l2tp.ppp.link.PppLink;

/**
 * One session's PPP on the kernel: the channel (attached to the session's PPPoL2TP socket) carries LCP and
 * authentication; once authenticated, a unit (the network interface, named as pppd names ours: l2tpT-S) carries the
 * network control protocols and the IP traffic. Frames arrive from the engine's poller and run on the link's loop.
 */
final class KernelLink implements PppProcess, PppLink.Io {
    private static final Logger LOG = Logger.getLogger("org.l2tp.ppp");
    private static final int NPMODE_PASS = 0;
    private static final int NPMODE_DROP = 1;
    /** Frames of one link waiting for its loop; more are dropped (a flooding peer must not grow the heap). */
    private static final int MAX_PENDING = 256;
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    /** stop() was called: the control plane ends the session; PPP's end is not reported back to it. */
    private volatile boolean stopRequested;
    private final InProcessEngine.Kernel kernel;
    private final SessionParameters session;
    private final PppLoop loop;
    private final PppExitListener onExit;
    private final String ifname;
    private PppLink link;
    private final int channelFd;
    private int unitFd = -1;
    private int ifindex;
    private boolean up;
    /** The addresses on the interface: local, peer (IPv4) and the interface identifiers (IPv6), or null. */
    private java.util.List<Inet4Address> v4;
    private java.util.List<Long> v6;
    private boolean released;
    private volatile PppInfo info;
    /** The session's PPPoL2TP socket (the caller's): read for counters until stop(), after which it may close. */
    private final int sessionFd;
    private final Object statsLock = new Object();
    private org.l2tp.api.dataplane.DataCounters lastCounters = org.l2tp.api.dataplane.DataCounters.ZERO;
    private boolean socketGone;

    KernelLink(InProcessEngine.Kernel kernel, SessionParameters session, int sessionFd, PppLoop loop,
               PppExitListener onExit) throws IOException {
        this.kernel = kernel;
        this.session = session;
        this.loop = loop;
        this.onExit = onExit;
        this.ifname = "l2tp" + session.localTunnelId() + "-" + session.localSessionId();
        this.sessionFd = sessionFd;
        int channel = kernel.dev().channelIndex(sessionFd);
        this.channelFd = kernel.dev().openChannel(channel);
        this.info = new PppInfo("inprocess", null, null, null, null, null, "LCP starting", 0);
    }

    /** Starts polling the channel and LCP; on failure the caller closes the channel ({@link #closeChannel}). */
    void start(PppLink l) throws IOException {
        this.link = l;
        kernel.poller().register(channelFd, handler());
        run(link::start);
    }

    /**
     * Runs a task of this link on its loop. An exception (a bug, an unexpected kernel answer) ends the link as a
     * fatal PPP end instead of leaving it half alive with its unit, address and session.
     */
    private void run(Runnable task) {
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, ifname + ": PPP failed", e);
                link.fail(PppEnd.FATAL, "PPP: internal error: " + e);
            }
            refresh();
        });
    }

    private FrameHandler handler() {
        return new FrameHandler() {
            @Override
            public void frame(byte[] f) {
                if (pending.incrementAndGet() > MAX_PENDING) {
                    pending.decrementAndGet();
                    kernel.dropped();
                    return;
                }
                run(() -> {
                    pending.decrementAndGet();
                    link.receive(f);
                });
            }

            @Override
            public void error(IOException e) {
                // The channel or unit went away under us: after our stop() that is the session socket closing;
                // otherwise the kernel session was deleted, a hangup the control plane must hear of.
                run(() -> {
                    if (stopRequested) {
                        link.abort("PPP channel closed");
                    } else {
                        link.lost("PPP: the kernel closed the channel (" + e.getMessage() + ")");
                    }
                });
            }
        };
    }

    void refresh() {
        PppLink l = link;
        Inet4Address local = l.localAddress();
        Inet4Address peer = l.peerAddress();
        info = new PppInfo("inprocess", unitFd >= 0 ? ifname : null, local == null ? null : local.getHostAddress(),
                peer == null ? null : peer.getHostAddress(), l.user(), l.authMethod(), l.state(), 0);
    }

    /** A link that never started: its channel descriptor back (start failed before the loop had it). */
    void closeChannel() {
        kernel.poller().unregister(channelFd);
        kernel.closeQuietly(channelFd);
    }

    // ---- PppLink.Io: runs on the loop

    @Override
    public void sendChannel(byte[] frame) {
        write(channelFd, frame);
    }

    @Override
    public void sendUnit(byte[] frame) {
        // NCP frames may leave by the channel too; the unit is where the kernel delivers the peer's.
        write(unitFd >= 0 ? unitFd : channelFd, frame);
    }

    private void write(int fd, byte[] frame) {
        if (released) {
            return;
        }
        try {
            kernel.dev().write(fd, frame, 0, frame.length);
        } catch (IOException e) {
            // PPP retransmits what matters; a channel that is gone is found by the poller.
            LOG.log(Level.FINE, ifname + ": " + Protocols.name(((frame[0] & 0xff) << 8) | (frame[1] & 0xff))
                    + " not sent: " + e.getMessage());
        }
    }

    @Override
    public void networkPhase(int mtu, int mru) throws IOException {
        if (unitFd >= 0) {
            return;
        }
        int[] unit = kernel.dev().newUnit();
        unitFd = unit[0];
        try {
            kernel.dev().connect(channelFd, unit[1]);
            // A new unit passes every protocol (ppp_generic): nothing but the NCPs until each is up.
            kernel.dev().setNpMode(unitFd, Protocols.IPV4, NPMODE_DROP);
            kernel.dev().setNpMode(unitFd, Protocols.IPV6, NPMODE_DROP);
            kernel.dev().setMru(unitFd, mru);
            ifindex = kernel.rtnl().ifindex("ppp" + unit[1]);
            kernel.rtnl().rename(ifindex, ifname);
            kernel.rtnl().setMtu(ifindex, mtu);
            kernel.poller().register(unitFd, handler());
        } catch (IOException | RuntimeException e) {
            closeUnit();
            throw e;
        }
    }

    @Override
    public void ipv4Down() {
        npDrop(Protocols.IPV4);
    }

    @Override
    public void ipv6Down() {
        npDrop(Protocols.IPV6);
    }

    private void npDrop(int protocol) {
        if (unitFd >= 0 && !released) {
            try {
                kernel.dev().setNpMode(unitFd, protocol, NPMODE_DROP);
            } catch (IOException e) {
                LOG.fine(ifname + ": NPMODE_DROP: " + e.getMessage());
            }
        }
    }

    @Override
    public void ipv4Up(Inet4Address local, Inet4Address peer) throws IOException {
        // IPCP may come up again (a renegotiation): the same addresses stay; others replace them.
        java.util.List<Inet4Address> now = java.util.List.of(local, peer);
        if (!now.equals(v4)) {
            if (v4 != null) {
                kernel.rtnl().deleteAddress4(ifindex, v4.get(0), v4.get(1));
            }
            kernel.rtnl().addAddress4(ifindex, local, peer);
            v4 = now;
        }
        linkUp();
        kernel.dev().setNpMode(unitFd, Protocols.IPV4, NPMODE_PASS);
    }

    @Override
    public void ipv6Up(long localId, long peerId) throws IOException {
        linkUp();
        java.util.List<Long> now = java.util.List.of(localId, peerId);
        if (!now.equals(v6)) {
            if (v6 != null) {
                kernel.rtnl().deleteAddress6(ifindex, org.l2tp.ppp.kernel.Rtnetlink.linkLocal(v6.get(0)),
                        org.l2tp.ppp.kernel.Rtnetlink.linkLocal(v6.get(1)));
            }
            kernel.rtnl().addAddress6(ifindex, org.l2tp.ppp.kernel.Rtnetlink.linkLocal(localId),
                    org.l2tp.ppp.kernel.Rtnetlink.linkLocal(peerId));
            v6 = now;
        }
        kernel.dev().setNpMode(unitFd, Protocols.IPV6, NPMODE_PASS);
    }

    private void linkUp() throws IOException {
        if (!up) {
            kernel.rtnl().setUp(ifindex, true);
            up = true;
        }
    }

    /** Any thread: the kernel's counters of the session, or the last ones read once its socket may be closed. */
    @Override
    public org.l2tp.api.dataplane.DataCounters counters() {
        synchronized (statsLock) {
            if (!socketGone) {
                readCounters();
            }
            return lastCounters;
        }
    }

    /**
     * The session socket is about to close: its last counters now, and never a read after (its descriptor number
     * may be another session's by then).
     */
    private void lastRead() {
        synchronized (statsLock) {
            if (!socketGone) {
                readCounters();
                socketGone = true;
            }
        }
    }

    private void readCounters() {
        try {
            long[] c = kernel.dev().l2tpStats(sessionFd);
            lastCounters = new org.l2tp.api.dataplane.DataCounters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        } catch (IOException e) {
            LOG.fine(() -> ifname + ": " + e.getMessage());
        }
    }

    @Override
    public long idleSeconds() {
        if (unitFd < 0 || released) {
            return -1;
        }
        try {
            long[] idle = kernel.dev().idle(unitFd);
            return Math.min(idle[0], idle[1]);
        } catch (IOException e) {
            LOG.fine(() -> ifname + ": " + e.getMessage());
            return -1;
        }
    }

    @Override
    public void ended(PppEnd end, String reason) {
        // The control plane closes the session socket once it hears of the end.
        lastRead();
        release();
        refresh();
        if (end != null && !stopRequested) {
            LOG.info(() -> "PPP " + session.localTunnelId() + "/" + session.localSessionId() + " on " + ifname
                    + " ended: " + reason);
            onExit.exited(end.exitStatus(), end.cdnResult(), reason);
        }
    }

    /** Tear-down in the order that leaves nothing behind: the unit (and with it the interface), then the channel. */
    private void release() {
        if (released) {
            return;
        }
        released = true;
        closeUnit();
        kernel.poller().unregister(channelFd);
        kernel.closeQuietly(channelFd);
        kernel.forget(this);
    }

    private void closeUnit() {
        if (unitFd >= 0) {
            kernel.poller().unregister(unitFd);
            kernel.closeQuietly(unitFd);
            unitFd = -1;
        }
    }

    // ---- PppProcess: any thread

    @Override
    public long pid() {
        return 0;
    }

    @Override
    public String interfaceName() {
        return info.interfaceName();
    }

    @Override
    public String peerAddress() {
        return info.peerAddress();
    }

    @Override
    public PppInfo info() {
        return info;
    }

    /**
     * Ends the link: its loop sends one Terminate-Request and releases the unit and the channel. Does not wait: the
     * control plane's loop must not block on ours, and the order does not matter to the kernel (a session socket
     * closed first unregisters the channel; our descriptors are still closed, by the loop, moments later).
     */
    @Override
    public void stop() {
        lastRead(); // the caller closes the session socket when we return
        stopRequested = true;
        if (loop.inLoop()) {
            abort();
        } else {
            run(this::abort);
        }
    }

    /** The engine goes away: PPP ends as an operator's stop would, and the control plane hears it (CDN 3). */
    void shutdown() {
        run(() -> link.fail(PppEnd.USER_REQUEST, "PPP engine stopped"));
    }

    private void abort() {
        if (!released) {
            link.abort("session closed");
            refresh();
        }
    }
}
