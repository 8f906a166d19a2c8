package org.l2tp.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.DaemonStatus;
import org.l2tp.api.L2tpListener;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.api.dataplane.DataPlane;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.GeneralError;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.L2tpHeaderView;
import org.l2tp.codec.L2tpMessage;
import org.l2tp.codec.MessageType;
import org.l2tp.codec.StopCcnResult;

/**
 * The L2TP control plane: the listening socket and every tunnel's socket on one event loop, datagram dispatch,
 * id allocation, limits, and the {@link L2tpService} API. The protocol itself is in {@link TunnelFsm} and
 * {@link SessionFsm}. Usable without OSGi (tests, the load generator); the DS component wraps it.
 */
public final class ControlPlane implements L2tpService, AutoCloseable {
    static final Logger LOG = Logger.getLogger("org.l2tp.control");
    private static final int MAX_DATAGRAM = 65_535;
    private static final int READS_PER_WAKEUP = 256;

    final EventLoop loop;
    final TunnelFsm tunnelFsm;
    final SessionFsm sessionFsm;
    final LacDialer dialer;
    volatile DaemonConfig config;
    final Map<String, PeerConfig> peers = new HashMap<>();
    volatile DataPlane dataPlane;
    volatile String dataPlaneName;
    volatile String dataPlaneProblem;
    private final L2tpListener listener;

    final Map<Integer, Tunnel> tunnels = new HashMap<>();
    /** Tunnels by (peer address, the peer's Tunnel ID): a retransmitted SCCRQ finds its tunnel (section 5.8). */
    final Map<PeerKey, Tunnel> byPeer = new HashMap<>();
    final IdAllocator tunnelIds = new IdAllocator();
    final Counters counters = new Counters();
    final Protection protection;
    /**
     * False while the configuration is still arriving (see {@link #awaitConfiguration}): SCCRQs are then left
     * unanswered rather than judged by an incomplete policy.
     */
    volatile boolean configured = true;
    int halfOpen;
    int sessionCount;
    int establishedSessions;
    long retransmissions;
    long dataDropped;
    private final EventLoop.Timer summaries;
    private DatagramChannel listenSocket;
    private SelectionKey listenKey;
    private InetSocketAddress listenAddress;
    private final ByteBuffer rx = ByteBuffer.allocate(MAX_DATAGRAM);
    private final byte[] tx = new byte[MAX_DATAGRAM];
    private final L2tpHeaderView view = new L2tpHeaderView();
    private final long started = System.currentTimeMillis();

    record PeerKey(InetSocketAddress peer, int peerTunnelId) {
    }

    public ControlPlane(DaemonConfig config, DataPlane dataPlane, String dataPlaneProblem, L2tpListener listener)
            throws IOException {
        this.config = config;
        this.dataPlane = dataPlane;
        this.dataPlaneName = dataPlane != null ? dataPlane.name() : config.dataPlane();
        this.dataPlaneProblem = dataPlaneProblem;
        this.listener = listener == null ? new L2tpListener() { } : listener;
        this.loop = new EventLoop("l2tp-loop");
        this.protection = new Protection(loop::now);
        this.summaries = new EventLoop.Timer(this::summaries);
        this.tunnelFsm = new TunnelFsm(this);
        this.sessionFsm = new SessionFsm(this);
        this.dialer = new LacDialer(this);
    }

    /**
     * Until {@link #configurationComplete}, SCCRQs are left unanswered (their senders retransmit): call before
     * {@link #start} when the peers' configurations arrive after the daemon's own, as they do in OSGi.
     */
    public void awaitConfiguration() {
        configured = false;
    }

    /**
     * Every configuration known at start has been handed in: SCCRQs are answered from now on. Queued behind the
     * {@link #putPeer} calls made before it, so no SCCRQ is judged before those peers are in place.
     */
    public void configurationComplete() {
        loop.execute(() -> {
            if (!configured) {
                configured = true;
                LOG.info("configuration complete: answering SCCRQs");
            }
        });
    }

    /** Binds the listening socket and starts the loop; fails if the address cannot be bound. */
    public void start() throws IOException {
        loop.start();
        try {
            call(() -> {
                bind(config.listen());
                loop.arm(summaries, loop.now() + SUMMARY_INTERVAL_MS);
                return null;
            });
        } catch (IOException e) {
            loop.close();
            throw e;
        }
        LOG.info(() -> "l2tpd listening on " + endpoint(listenAddress) + " as " + config.hostName()
                + (config.lns() ? " (LNS and LAC)" : " (LAC)") + ", data plane " + dataPlaneName
                + (dataPlaneProblem != null ? ": " + dataPlaneProblem : ""));
    }

    /** The address actually bound (the port is resolved when 0 was configured). */
    public InetSocketAddress listenAddress() {
        return listenAddress;
    }

    /**
     * Binds the listening socket. First without any sharing option, so that an address and port someone already
     * has (a second daemon, or anybody) fails loudly; then with SO_REUSEPORT only, which lets our per-tunnel
     * connected sockets share the port while Linux refuses it to every other user. SO_REUSEADDR would let any
     * user bind the port too and take our SCCRQs.
     */
    private void bind(InetSocketAddress address) throws IOException {
        java.net.ProtocolFamily family = address.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET;
        if (address.getPort() != 0) {
            try (DatagramChannel probe = DatagramChannel.open(family)) {
                probe.bind(address);
            } catch (IOException e) {
                throw new IOException("cannot bind UDP " + endpoint(address) + ": " + e.getMessage()
                        + " (is another l2tpd or another program using it?)", e);
            }
        }
        DatagramChannel ch = DatagramChannel.open(family);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.bind(address);
            SelectionKey k = loop.register(ch, key -> readable(key, null));
            if (listenSocket != null) {
                listenKey.cancel();
                listenSocket.close();
            }
            listenSocket = ch;
            listenKey = k;
            listenAddress = (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind UDP " + endpoint(address) + ": " + e.getMessage(), e);
        }
    }

    /** Applies a new daemon configuration: timers and limits at once, a new listen address by rebinding. */
    public void reconfigure(DaemonConfig next) throws IOException {
        call(() -> {
            DaemonConfig previous = config;
            if (!previous.listen().equals(next.listen()) && !listenAddress.equals(next.listen())) {
                bind(next.listen());
                LOG.info(() -> "listening on " + endpoint(listenAddress) + " (was " + endpoint(previous.listen())
                        + "); established tunnels keep their sockets");
            }
            config = next;
            // Peers inherit the daemon's timers, HELLO interval and hiding: live tunnels take the new values now.
            for (Map.Entry<String, PeerConfig> e : peers.entrySet()) {
                try {
                    e.setValue(PeerConfig.from(e.getValue().source(), next));
                } catch (ConfigException invalid) {
                    LOG.warning(() -> "peer " + e.getKey() + " keeps its configuration: " + invalid.getMessage());
                }
            }
            for (Tunnel t : tunnels.values()) {
                tunnelFsm.applyPeer(t, t.config == null ? null : peers.getOrDefault(t.config.name(), t.config));
            }
            return null;
        });
    }

    /** Adds or replaces a peer configuration; a LAC peer with connect=true is dialled. */
    public void putPeer(PeerConfig peer) {
        loop.execute(() -> {
            PeerConfig old = peers.put(peer.name(), peer);
            for (Tunnel t : tunnels.values()) {
                if (t.config != null && t.config.name().equals(peer.name())) {
                    tunnelFsm.applyPeer(t, peer);
                }
            }
            dialer.peerChanged(old, peer);
        });
    }

    /** Removes a peer configuration and tears its tunnels down with a StopCCN. */
    public void removePeer(String name) {
        loop.execute(() -> {
            PeerConfig old = peers.remove(name);
            if (old == null) {
                return;
            }
            dialer.peerRemoved(old);
            for (Tunnel t : new ArrayList<>(tunnels.values())) {
                if (t.config != null && t.config.name().equals(name) && t.state != TunnelState.CLOSING) {
                    tunnelFsm.close(t, 1, 0, "peer configuration removed", true);
                }
            }
        });
    }

    /** Switches the data plane (null plus a reason when none can carry sessions). Existing sessions keep theirs. */
    public void dataPlane(DataPlane plane, String name, String problem) {
        loop.execute(() -> {
            this.dataPlane = plane;
            this.dataPlaneName = name;
            this.dataPlaneProblem = problem;
            if (dataPlaneProblem() == null) {
                dialer.dataPlaneReady();
            }
        });
    }

    /**
     * Why calls cannot be carried now, or null: the configured data plane's own answer, asked each time, since
     * what it depends on (the kernel module, the PPP launcher) can come and go while the daemon runs.
     */
    String dataPlaneProblem() {
        DataPlane plane = dataPlane;
        String problem = dataPlaneProblem;
        return problem != null || plane == null ? problem : plane.unavailableReason();
    }

    PeerConfig peerFor(InetSocketAddress from) {
        PeerConfig byPort = null;
        for (PeerConfig p : peers.values()) {
            if (p.address().getAddress().equals(from.getAddress())) {
                if (p.address().getPort() == from.getPort()) {
                    return p;
                }
                byPort = p;
            }
        }
        return byPort;
    }

    // ------------------------------------------------------------------ sockets

    DatagramChannel openTunnelSocket(InetSocketAddress peer) throws IOException {
        DataPlane plane = dataPlane;
        InetSocketAddress local = new InetSocketAddress(listenAddress.getAddress(), listenAddress.getPort());
        return (plane != null ? plane : NullDataPlane.SOCKETS).openTunnelSocket(local, peer);
    }

    void register(Tunnel t) throws IOException {
        t.key = loop.register(t.socket, key -> readable(key, t));
    }

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
        Secret secret = t != null ? t.secret : secretFor(from);
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
            unknownTunnel(from, m);
        } else {
            tunnelFsm.onMessage(t, from, m);
        }
    }

    private Secret secretFor(InetSocketAddress from) {
        PeerConfig p = peerFor(from);
        return p != null && p.secret() != null ? p.secret() : config.secret();
    }

    /**
     * A message for a tunnel we do not have: answered with a StopCCN "no control connection exists" (general error
     * 1, section 4.4.2), unless it is itself a ZLB or a StopCCN. The answer is larger than many questions, so
     * anyone could aim it at a third party: it is rate-limited.
     */
    private void unknownTunnel(InetSocketAddress from, ControlMessage m) {
        protection.unknownTunnel++;
        if (m.isZlb() || m.type() == MessageType.STOPCCN || !protection.answers.tryAcquire()) {
            return;
        }
        protection.log.log(LOG, Level.FINE, () -> "message " + m.type().abbreviation() + " for unknown tunnel "
                + m.tunnelId() + " from " + endpoint(from));
        ControlMessage stop = Messages.stopCcn(0, StopCcnResult.GENERAL_ERROR.code(),
                GeneralError.NO_CONTROL_CONNECTION.code(), null).withSequence(0, Seq.next(m.ns()));
        sendStateless(from, stop);
    }

    /** Sends a message outside any tunnel's reliable transport, from the listening socket. */
    void sendStateless(InetSocketAddress to, ControlMessage m) {
        int n = L2tpEncoder.encode(m, null, tx, 0);
        try {
            listenSocket.send(ByteBuffer.wrap(tx, 0, n), to);
            counters.sent(m);
        } catch (IOException e) {
            LOG.log(Level.FINE, "send to " + endpoint(to) + " failed", e);
        }
    }

    /** Encodes and sends a tunnel's message on the tunnel's connected socket. */
    void transmit(Tunnel t, ControlMessage m) {
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

    void notifyTunnelUp(Tunnel t) {
        LOG.info(() -> t + " up" + (t.config != null ? " (peer " + t.config.name() + ")" : ""));
        safely(() -> listener.tunnelUp(t.info()));
    }

    void notifyTunnelDown(Tunnel t, int result, String message, String how) {
        LOG.info(() -> t + " down: " + how);
        safely(() -> listener.tunnelDown(t.info(), result, message));
    }

    void notifySessionUp(Session s) {
        LOG.info(() -> s + " up on " + s.tunnel + (s.outgoing ? ", outgoing call" : ", incoming call")
                + (s.lac ? " (LAC)" : " (LNS)") + (s.data != null && s.data.interfaceName() != null
                ? ", interface " + s.data.interfaceName() : ""));
        safely(() -> listener.sessionUp(s.info()));
    }

    void notifySessionDown(Session s, int result, String message, String how) {
        LOG.info(() -> s + " down: " + how);
        safely(() -> listener.sessionDown(s.info(), result, message));
    }

    private static final long SUMMARY_INTERVAL_MS = 10_000;

    private void summaries() {
        protection.summaries(LOG);
        loop.arm(summaries, loop.now() + SUMMARY_INTERVAL_MS);
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an L2tpListener failed", e);
        }
    }

    static String endpoint(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    // ------------------------------------------------------------------ API

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Runs {@code s} on the loop and waits for it. */
    private <T> T call(IoSupplier<T> s) throws IOException {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(s.get());
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IOException("the event loop did not answer within 30 s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private <T> T query(Supplier<T> s) {
        if (loop.inLoop()) {
            return s.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(s.get()));
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the event loop did not answer", e);
        }
    }

    @Override
    public DaemonStatus status() {
        return query(() -> {
            int established = 0;
            long retransmitted = retransmissions;
            for (Tunnel t : tunnels.values()) {
                if (t.state == TunnelState.ESTABLISHED) {
                    established++;
                }
                retransmitted += t.transport.retransmissions();
            }
            String problem = dataPlaneProblem();
            return new DaemonStatus(config.hostName(), config.lns(), listenAddress, dataPlaneName,
                    problem == null, problem == null ? "ready" : problem, established,
                    halfOpen, establishedSessions, Instant.ofEpochMilli(started),
                    counters.snapshot(retransmitted, 0, 0, 0, 0, 0), protection.snapshot());
        });
    }

    @Override
    public List<TunnelInfo> tunnels() {
        return query(() -> tunnels.values().stream().map(Tunnel::info).toList());
    }

    @Override
    public Optional<TunnelInfo> tunnel(int localTunnelId) {
        return query(() -> Optional.ofNullable(tunnels.get(localTunnelId)).map(Tunnel::info));
    }

    @Override
    public List<SessionInfo> sessions(int localTunnelId) {
        return query(() -> {
            List<SessionInfo> out = new ArrayList<>();
            Collection<Tunnel> ts = localTunnelId == 0 ? tunnels.values()
                    : Optional.ofNullable(tunnels.get(localTunnelId)).map(List::of).orElse(List.of());
            for (Tunnel t : ts) {
                for (Session s : t.sessions.values()) {
                    out.add(s.info());
                }
            }
            return out;
        });
    }

    @Override
    public CompletionStage<TunnelInfo> openTunnel(String peer) {
        CompletableFuture<TunnelInfo> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                PeerConfig p = peers.get(peer);
                if (p == null) {
                    p = adHocPeer(peer);
                }
                tunnelFsm.open(p, f);
            } catch (ConfigException | IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private PeerConfig adHocPeer(String address) throws ConfigException {
        PeerConfig p = PeerConfig.from(Map.of("name", "adhoc", "address", address), config);
        PeerConfig known = peerFor(p.address());
        return known != null ? known : p;
    }

    @Override
    public CompletionStage<SessionInfo> openSession(int localTunnelId, String outgoingNumber) {
        CompletableFuture<SessionInfo> f = new CompletableFuture<>();
        loop.execute(() -> {
            Tunnel t = tunnels.get(localTunnelId);
            if (t == null || t.state != TunnelState.ESTABLISHED) {
                f.completeExceptionally(new IllegalStateException("no established tunnel " + localTunnelId));
                return;
            }
            sessionFsm.open(t, outgoingNumber, f);
        });
        return f;
    }

    @Override
    public CompletionStage<Void> closeSession(int localTunnelId, int localSessionId, int resultCode, String message) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.execute(() -> {
            Tunnel t = tunnels.get(localTunnelId);
            Session s = t == null ? null : t.sessions.get(localSessionId);
            if (s == null) {
                f.completeExceptionally(new IllegalArgumentException("no session " + localTunnelId + "/"
                        + localSessionId));
                return;
            }
            sessionFsm.close(s, resultCode, 0, message, true, "closed by operator");
            f.complete(null);
        });
        return f;
    }

    @Override
    public CompletionStage<Void> closeTunnel(int localTunnelId, int resultCode, String message) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.execute(() -> {
            Tunnel t = tunnels.get(localTunnelId);
            if (t == null) {
                f.completeExceptionally(new IllegalArgumentException("no tunnel " + localTunnelId));
                return;
            }
            dialer.operatorClosed(t);
            tunnelFsm.close(t, resultCode, 0, message, t.state != TunnelState.CLOSING);
            f.complete(null);
        });
        return f;
    }

    @Override
    public List<String> peerNames() {
        return query(() -> peers.keySet().stream().sorted().toList());
    }

    @Override
    public CompletionStage<Void> debug(int localTunnelId, int localSessionId, org.l2tp.api.ControlTrace trace,
                                       int kernelMask) {
        java.util.Objects.requireNonNull(trace, "trace");
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.execute(() -> {
            Tunnel t = tunnels.get(localTunnelId);
            Session s = t == null || localSessionId == 0 ? null : t.sessions.get(localSessionId);
            if (t == null || (localSessionId != 0 && s == null)) {
                f.completeExceptionally(new IllegalArgumentException("no tunnel " + localTunnelId
                        + (localSessionId != 0 ? " with session " + localSessionId : "")));
                return;
            }
            if (trace != org.l2tp.api.ControlTrace.UNCHANGED) {
                t.trace = trace == org.l2tp.api.ControlTrace.ON;
            }
            if (kernelMask >= 0) {
                if (s != null && s.data != null) {
                    s.data.setDebug(kernelMask);
                } else if (s == null && t.data != null) {
                    t.data.setDebug(kernelMask);
                }
            }
            boolean on = t.trace;
            LOG.info(() -> t + ": control trace " + (on ? "on" : "off")
                    + (trace == org.l2tp.api.ControlTrace.UNCHANGED ? " (unchanged)" : "")
                    + (kernelMask >= 0 ? ", kernel debug mask " + kernelMask + (s != null ? " on " + s : "") : ""));
            f.complete(null);
        });
        return f;
    }

    /** Counts for tests and the load generator: [tunnels, sessions in any state, established sessions, halfOpen]. */
    int[] counts() {
        return query(() -> new int[] {tunnels.size(), sessionCount, establishedSessions, halfOpen});
    }

    /**
     * Sends StopCCN "shutting down" (result 6) on every tunnel, waits up to {@code graceMs} for acknowledgements,
     * then closes every socket and the loop.
     */
    public void shutdown(long graceMs) {
        if (!loop.inLoop()) {
            try {
                call(() -> {
                    dialer.stop();
                    for (Tunnel t : new ArrayList<>(tunnels.values())) {
                        if (t.state != TunnelState.CLOSING) {
                            tunnelFsm.close(t, 6, 0, "daemon shutting down", true);
                        }
                    }
                    return null;
                });
                long deadline = System.currentTimeMillis() + graceMs;
                while (System.currentTimeMillis() < deadline && query(() -> tunnels.values().stream()
                        .anyMatch(t -> !t.transport.idle()))) {
                    Thread.sleep(20);
                }
                call(() -> {
                    for (Tunnel t : new ArrayList<>(tunnels.values())) {
                        tunnelFsm.delete(t);
                    }
                    if (listenSocket != null) {
                        listenKey.cancel();
                        listenSocket.close();
                    }
                    return null;
                });
            } catch (IOException e) {
                LOG.log(Level.WARNING, "shutdown", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop.close();
    }

    @Override
    public void close() {
        shutdown(1000);
    }
}
