package org.l2tp.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.L2tpListener;
import org.l2tp.api.dataplane.DataPlane;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.L2tpHeaderView;
import org.l2tp.codec.L2tpMessage;

/**
 * The daemon's I/O and dispatch, on its one event loop: the listening socket and every tunnel's socket, decoding,
 * handing each datagram to the tunnel automaton, encoding and sending, the data plane, and the events the automata
 * report. It is the {@link ControlContext} of the automata. The API facade is {@link ControlPlane}.
 */
final class Daemon implements ControlContext, ControlContext.Events {
    static final Logger LOG = Logger.getLogger("org.l2tp.control");
    private static final int MAX_DATAGRAM = 65_535;
    private static final int READS_PER_WAKEUP = 256;
    private static final long SUMMARY_INTERVAL_MS = 10_000;

    final EventLoop loop;
    volatile DaemonConfig config;
    final PeerRegistry peers = new PeerRegistry();
    final Protection protection;
    final TunnelRegistry tunnels;
    final TunnelFsm tunnelFsm;
    final LacDialer dialer;
    final Counters counters = new Counters();
    /**
     * False while the configuration is still arriving (see {@link ControlPlane#awaitConfiguration}): SCCRQs are
     * then left unanswered rather than judged by an incomplete policy.
     */
    volatile boolean configured = true;
    volatile DataPlane dataPlane;
    volatile String dataPlaneName;
    volatile String dataPlaneProblem;
    private final L2tpListener listener;
    long dataDropped;
    private DatagramChannel listenSocket;
    private SelectionKey listenKey;
    volatile InetSocketAddress listenAddress;
    private final ByteBuffer rx = ByteBuffer.allocate(MAX_DATAGRAM);
    private final byte[] tx = new byte[MAX_DATAGRAM];
    private final L2tpHeaderView view = new L2tpHeaderView();
    private final Scheduler.Timer summaries;

    Daemon(DaemonConfig config, DataPlane dataPlane, String dataPlaneProblem, L2tpListener listener)
            throws IOException {
        this.config = config;
        this.dataPlane = dataPlane;
        this.dataPlaneName = dataPlane != null ? dataPlane.name() : config.dataPlane();
        this.dataPlaneProblem = dataPlaneProblem;
        this.listener = listener == null ? new L2tpListener() { } : listener;
        this.loop = new EventLoop("l2tp-loop");
        this.protection = new Protection(loop::now);
        this.tunnels = new TunnelRegistry(protection);
        this.tunnelFsm = new TunnelFsm(this);
        this.dialer = new LacDialer(this);
        this.summaries = new Scheduler.Timer(this::summaries);
    }

    /** Binds the listening socket and starts the summaries of rate-limited lines (loop thread). */
    void start() throws IOException {
        bind(config.listen());
        loop.arm(summaries, loop.now() + SUMMARY_INTERVAL_MS);
    }

    /**
     * Binds the listening socket. First without any sharing option, so that an address and port someone already
     * has (a second daemon, or anybody) fails loudly; then with SO_REUSEPORT only, which lets our per-tunnel
     * connected sockets share the port while Linux refuses it to every other user. SO_REUSEADDR would let any
     * user bind the port too and take our SCCRQs.
     */
    void bind(InetSocketAddress requested) throws IOException {
        java.net.ProtocolFamily family = requested.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET;
        InetSocketAddress address;
        // The probe also chooses the port when 0 is asked for: a port chosen by a socket with SO_REUSEPORT may be
        // one that another socket of ours already shares (Linux lets same-user SO_REUSEPORT sockets share a
        // port), and then that socket would get some of our datagrams.
        try (DatagramChannel probe = DatagramChannel.open(family)) {
            probe.bind(requested);
            address = (InetSocketAddress) probe.getLocalAddress();
        } catch (IOException e) {
            throw new IOException("cannot bind UDP " + ControlPlane.endpoint(requested) + ": " + e.getMessage()
                    + " (is another l2tpd or another program using it?)", e);
        }
        DatagramChannel ch = DatagramChannel.open(family);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.bind(address);
            SelectionKey k = loop.register(ch, key -> readable(key, null));
            closeListener();
            listenSocket = ch;
            listenKey = k;
            listenAddress = (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind UDP " + ControlPlane.endpoint(requested) + ": " + e.getMessage(), e);
        }
    }

    void closeListener() throws IOException {
        if (listenSocket != null) {
            listenKey.cancel();
            listenSocket.close();
            listenSocket = null;
        }
    }

    /**
     * Why calls cannot be carried now, or null: the configured data plane's own answer, asked each time, since
     * what it depends on (the kernel module, the PPP launcher) can come and go while the daemon runs.
     */
    @Override
    public String dataPlaneProblem() {
        DataPlane plane = dataPlane;
        String problem = dataPlaneProblem;
        return problem != null || plane == null ? problem : plane.unavailableReason();
    }

    // ------------------------------------------------------------------ ControlContext

    @Override
    public DaemonConfig config() {
        return config;
    }

    @Override
    public Scheduler scheduler() {
        return loop;
    }

    @Override
    public TunnelRegistry tunnels() {
        return tunnels;
    }

    @Override
    public PeerRegistry peers() {
        return peers;
    }

    @Override
    public Protection protection() {
        return protection;
    }

    @Override
    public InetSocketAddress localAddress() {
        return listenAddress;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public Events events() {
        return this;
    }

    @Override
    public void openSocket(Tunnel t) throws IOException {
        DataPlane plane = dataPlane;
        InetSocketAddress local = new InetSocketAddress(listenAddress.getAddress(), listenAddress.getPort());
        t.socket = (plane != null ? plane : NullDataPlane.SOCKETS).openTunnelSocket(local, t.peer);
        t.key = loop.register(t.socket, key -> readable(key, t));
    }

    @Override
    public void repoint(Tunnel t, InetSocketAddress to) {
        try {
            t.socket.disconnect();
            t.socket.connect(to);
        } catch (IOException e) {
            LOG.log(Level.WARNING, t + ": cannot reconnect the socket to " + to, e);
        }
    }

    @Override
    public void closeSocket(Tunnel t) {
        if (t.key != null) {
            t.key.cancel();
        }
        if (t.socket != null) {
            DataPlane plane = dataPlane;
            try {
                (plane != null ? plane : NullDataPlane.SOCKETS).closeTunnelSocket(t.socket);
            } catch (IOException ignored) {
                // nothing more to do with it
            }
        }
    }

    @Override
    public void attachData(Tunnel t) {
        if (t.data != null || dataPlane == null || dataPlaneProblem() != null) {
            return;
        }
        try {
            t.data = dataPlane.createTunnel(t.socket, t.localId, t.peerId);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, t + ": the data plane refused the tunnel: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ receiving

    private void readable(SelectionKey key, Tunnel owner) {
        DatagramChannel ch = (DatagramChannel) key.channel();
        for (int i = 0; i < READS_PER_WAKEUP; i++) {
            rx.clear();
            SocketAddress from;
            try {
                from = ch.receive(rx);
            } catch (PortUnreachableException e) {
                // ICMP port unreachable for an earlier send on a connected socket: the peer is gone or not yet up.
                if (owner != null) {
                    tunnelFsm.portUnreachable(owner);
                    if (!owner.socket.isOpen()) {
                        return;
                    }
                }
                continue;
            } catch (IOException e) {
                LOG.log(Level.FINE, "receive failed", e);
                return;
            }
            if (from == null) {
                return;
            }
            rx.flip();
            datagram((InetSocketAddress) from, rx.array(), rx.limit());
        }
    }

    private void datagram(InetSocketAddress from, byte[] buf, int len) {
        L2tpHeaderView.Status status = view.parse(buf, 0, len);
        if (status == L2tpHeaderView.Status.OK && !view.isControl()) {
            // With a kernel data plane the kernel consumes these; here nothing carries them.
            dataDropped++;
            return;
        }
        Tunnel t = status == L2tpHeaderView.Status.OK && view.tunnelId() != 0 ? tunnels.get(view.tunnelId()) : null;
        Secret secret = t != null ? t.secret : config.secretFor(peers.peerFor(from));
        L2tpMessage decoded;
        try {
            decoded = L2tpDecoder.decode(buf, 0, len, secret == null ? null : secret.bytes());
        } catch (L2tpDecodeException e) {
            counters.malformed++;
            if (t != null) {
                t.counters.malformed++;
            }
            tunnelFsm.malformed(t, from, e);
            return;
        }
        ControlMessage m = (ControlMessage) decoded;
        counters.received(m);
        if (m.tunnelId() == 0) {
            tunnelFsm.onTunnelZero(from, m);
        } else if (t == null) {
            tunnelFsm.onUnknownTunnel(from, m);
        } else {
            tunnelFsm.onMessage(t, from, m);
        }
    }

    // ------------------------------------------------------------------ sending

    @Override
    public void sendStateless(InetSocketAddress to, ControlMessage m) {
        int n = L2tpEncoder.encode(m, null, tx, 0);
        try {
            listenSocket.send(ByteBuffer.wrap(tx, 0, n), to);
            counters.sent(m);
        } catch (IOException e) {
            LOG.log(Level.FINE, "send to " + ControlPlane.endpoint(to) + " failed", e);
        }
    }

    @Override
    public void transmit(Tunnel t, ControlMessage m) {
        int n;
        try {
            n = L2tpEncoder.encode(m, t.secret == null ? null : t.secret.bytes(), tx, 0);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, t + ": cannot encode " + m, e);
            return;
        }
        try {
            if (t.socket != null && t.socket.isConnected()) {
                t.socket.write(ByteBuffer.wrap(tx, 0, n));
            } else {
                listenSocket.send(ByteBuffer.wrap(tx, 0, n), t.peer);
            }
            t.counters.sent(m);
            counters.sent(m);
            if (t.trace) {
                LOG.info(() -> t + ": sent " + m);
            }
        } catch (PortUnreachableException e) {
            LOG.fine(() -> t + ": peer port unreachable");
        } catch (IOException e) {
            LOG.log(Level.FINE, t + ": send failed", e);
        }
    }

    // ------------------------------------------------------------------ events

    @Override
    public void tunnelUp(Tunnel t) {
        LOG.info(() -> t + " up" + (t.config != null ? " (peer " + t.config.name() + ")" : ""));
        safely(() -> listener.tunnelUp(t.info()));
        dialer.tunnelUp(t);
    }

    @Override
    public void tunnelDown(Tunnel t, int result, String message, String how, boolean wasUp) {
        if (wasUp) {
            safely(() -> listener.tunnelDown(t.info(), result, message));
        }
        dialer.tunnelDown(t);
    }

    @Override
    public void tunnelReplaced(Tunnel lost, Tunnel winner) {
        dialer.handOver(lost, winner);
    }

    @Override
    public void sessionUp(Session s) {
        LOG.info(() -> s + " up on " + s.tunnel + (s.outgoing ? ", outgoing call" : ", incoming call")
                + (s.lac ? " (LAC)" : " (LNS)") + (s.data != null && s.data.interfaceName() != null
                ? ", interface " + s.data.interfaceName() : ""));
        safely(() -> listener.sessionUp(s.info()));
        dialer.sessionUp(s);
    }

    @Override
    public void sessionDown(Session s, int result, String message, String how, boolean wasUp,
                            org.l2tp.api.SessionEnd end) {
        if (wasUp) {
            LOG.info(() -> s + " down: " + how);
            safely(() -> listener.sessionDown(s.info(), result, message, end));
        }
        dialer.sessionDown(s);
    }

    @Override
    public void sessionRefused(Tunnel t) {
        dialer.sessionRefused(t);
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an L2tpListener failed", e);
        }
    }

    private void summaries() {
        protection.summaries(LOG);
        loop.arm(summaries, loop.now() + SUMMARY_INTERVAL_MS);
    }
}
