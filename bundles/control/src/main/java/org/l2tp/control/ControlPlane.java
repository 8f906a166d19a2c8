package org.l2tp.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.ControlTrace;
import org.l2tp.api.DaemonStatus;
import org.l2tp.api.L2tpListener;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.api.dataplane.DataPlane;
import org.l2tp.codec.StopCcnResult;

/**
 * The L2TP control plane's front: the {@link L2tpService} API and the configuration calls, each handed to the
 * daemon's event loop. The I/O and dispatch are in {@link Daemon}, the protocol in {@link TunnelFsm} and
 * {@link SessionFsm}, the configured peers in {@link PeerRegistry} and the live tunnels in {@link TunnelRegistry}.
 * Usable without OSGi (tests, the load generator); the DS component wraps it.
 */
public final class ControlPlane implements L2tpService, AutoCloseable {
    static final Logger LOG = Daemon.LOG;

    final Daemon daemon;
    final EventLoop loop;
    final LacDialer dialer;
    private final long started = System.currentTimeMillis();

    public ControlPlane(DaemonConfig config, DataPlane dataPlane, String dataPlaneProblem, L2tpListener listener)
            throws IOException {
        this.daemon = new Daemon(config, dataPlane, dataPlaneProblem, listener);
        this.loop = daemon.loop;
        this.dialer = daemon.dialer;
    }

    /** The running configuration. */
    DaemonConfig config() {
        return daemon.config;
    }

    /**
     * Until {@link #configurationComplete}, SCCRQs are left unanswered (their senders retransmit): call before
     * {@link #start} when the peers' configurations arrive after the daemon's own, as they do in OSGi.
     */
    public void awaitConfiguration() {
        daemon.configured = false;
    }

    /**
     * Every configuration known at start has been handed in: SCCRQs are answered from now on. Queued behind the
     * {@link #putPeer} calls made before it, so no SCCRQ is judged before those peers are in place.
     */
    public void configurationComplete() {
        loop.execute(() -> {
            if (!daemon.configured) {
                daemon.configured = true;
                LOG.info("configuration complete: answering SCCRQs");
            }
        });
    }

    /** Binds the listening socket and starts the loop; fails if the address cannot be bound. */
    public void start() throws IOException {
        loop.start();
        try {
            call(() -> {
                daemon.start();
                return null;
            });
        } catch (IOException e) {
            loop.close();
            throw e;
        }
        DaemonConfig c = daemon.config;
        LOG.info(() -> "l2tpd listening on " + endpoint(daemon.listenAddress) + " as " + c.hostName()
                + (c.lns() ? " (LNS and LAC)" : " (LAC)") + ", data plane " + daemon.dataPlaneName
                + (daemon.dataPlaneProblem != null ? ": " + daemon.dataPlaneProblem : ""));
    }

    /** The address actually bound (the port is resolved when 0 was configured). */
    public InetSocketAddress listenAddress() {
        return daemon.listenAddress;
    }

    /** Applies a new daemon configuration: timers and limits at once, a new listen address by rebinding. */
    public void reconfigure(DaemonConfig next) throws IOException {
        call(() -> {
            DaemonConfig previous = daemon.config;
            if (!previous.listen().equals(next.listen()) && !daemon.listenAddress.equals(next.listen())) {
                daemon.bind(next.listen());
                LOG.info(() -> "listening on " + endpoint(daemon.listenAddress) + " (was "
                        + endpoint(previous.listen()) + "); established tunnels keep their sockets");
            }
            daemon.config = next;
            // Peers inherit the daemon's timers, HELLO interval and hiding: live tunnels take the new values now.
            for (PeerConfig p : new ArrayList<>(daemon.peers.all())) {
                try {
                    daemon.peers.put(PeerConfig.from(p.source(), next));
                } catch (ConfigException invalid) {
                    LOG.warning(() -> "peer " + p.name() + " keeps its configuration: " + invalid.getMessage());
                }
            }
            for (Tunnel t : daemon.tunnels.all()) {
                PeerConfig p = t.config == null ? null : daemon.peers.get(t.config.name());
                daemon.tunnelFsm.applyPeer(t, p != null ? p : t.config);
            }
            return null;
        });
    }

    /** Adds or replaces a peer configuration; a LAC peer with connect=true is dialled. */
    public void putPeer(PeerConfig peer) {
        loop.execute(() -> {
            PeerConfig old = daemon.peers.put(peer);
            for (Tunnel t : daemon.tunnels.all()) {
                if (t.config != null && t.config.name().equals(peer.name())) {
                    daemon.tunnelFsm.applyPeer(t, peer);
                }
            }
            dialer.peerChanged(old, peer);
        });
    }

    /** Removes a peer configuration and tears its tunnels down with a StopCCN. */
    public void removePeer(String name) {
        loop.execute(() -> {
            PeerConfig old = daemon.peers.remove(name);
            if (old == null) {
                return;
            }
            dialer.peerRemoved(old);
            for (Tunnel t : daemon.tunnels.snapshot()) {
                if (t.config != null && t.config.name().equals(name)) {
                    daemon.tunnelFsm.close(t, StopCcnResult.GENERAL_REQUEST.code(), 0,
                            "peer configuration removed");
                }
            }
        });
    }

    /** Switches the data plane (null plus a reason when none can carry sessions). Existing sessions keep theirs. */
    public void dataPlane(DataPlane plane, String name, String problem) {
        loop.execute(() -> {
            daemon.dataPlane = plane;
            daemon.dataPlaneName = name;
            daemon.dataPlaneProblem = problem;
            if (daemon.dataPlaneProblem() == null) {
                dialer.dataPlaneReady();
            }
        });
    }

    static String endpoint(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    // ------------------------------------------------------------------ onto the loop

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

    /** Runs {@code s} on the loop and returns its answer (at once when already there). */
    <T> T query(Supplier<T> s) {
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

    /** Runs {@code action} on the loop with the tunnel {@code id}; the future fails when there is none. */
    private <T> CompletionStage<T> withTunnel(int id, java.util.function.BiConsumer<Tunnel, CompletableFuture<T>>
            action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            Tunnel t = daemon.tunnels.get(id);
            if (t == null) {
                f.completeExceptionally(new IllegalArgumentException("no tunnel " + id));
                return;
            }
            action.accept(t, f);
        });
        return f;
    }

    // ------------------------------------------------------------------ L2tpService

    @Override
    public DaemonStatus status() {
        return query(() -> {
            int established = 0;
            long retransmitted = daemon.tunnels.retransmissionsOfGone;
            for (Tunnel t : daemon.tunnels.all()) {
                if (t.state == TunnelState.ESTABLISHED) {
                    established++;
                }
                retransmitted += t.transport.retransmissions();
            }
            String problem = daemon.dataPlaneProblem();
            return new DaemonStatus(daemon.config.hostName(), daemon.config.lns(), daemon.listenAddress,
                    daemon.dataPlaneName, problem == null, problem == null ? "ready" : problem, established,
                    daemon.tunnels.halfOpen(), daemon.tunnels.establishedSessions(), Instant.ofEpochMilli(started),
                    daemon.counters.snapshot(retransmitted, 0, 0, 0, 0, 0), daemon.protection.snapshot());
        });
    }

    @Override
    public List<TunnelInfo> tunnels() {
        return query(() -> daemon.tunnels.all().stream().map(Tunnel::info).toList());
    }

    @Override
    public Optional<TunnelInfo> tunnel(int localTunnelId) {
        return query(() -> Optional.ofNullable(daemon.tunnels.get(localTunnelId)).map(Tunnel::info));
    }

    @Override
    public List<SessionInfo> sessions(int localTunnelId) {
        return query(() -> {
            List<SessionInfo> out = new ArrayList<>();
            Collection<Tunnel> ts = localTunnelId == 0 ? daemon.tunnels.all()
                    : Optional.ofNullable(daemon.tunnels.get(localTunnelId)).map(List::of).orElse(List.of());
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
                PeerConfig p = daemon.peers.get(peer);
                if (p == null) {
                    p = adHocPeer(peer);
                }
                daemon.tunnelFsm.open(p, f);
            } catch (ConfigException | IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private PeerConfig adHocPeer(String address) throws ConfigException {
        PeerConfig p = PeerConfig.from(Map.of("name", "adhoc", "address", address), daemon.config);
        PeerConfig known = daemon.peers.peerFor(p.address());
        return known != null ? known : p;
    }

    /** A call on a tunnel that is up, or still being set up by us (the call then waits for it: wait-tunnel). */
    @Override
    public CompletionStage<SessionInfo> openSession(int localTunnelId, String outgoingNumber) {
        CompletableFuture<SessionInfo> f = new CompletableFuture<>();
        loop.execute(() -> {
            Tunnel t = daemon.tunnels.get(localTunnelId);
            if (t == null || !(t.state == TunnelState.ESTABLISHED
                    || t.initiator && t.state == TunnelState.WAIT_CTL_REPLY)) {
                f.completeExceptionally(new IllegalStateException("no established tunnel " + localTunnelId));
                return;
            }
            daemon.tunnelFsm.sessions.open(t, outgoingNumber, f);
        });
        return f;
    }

    @Override
    public CompletionStage<Void> closeSession(int localTunnelId, int localSessionId, int resultCode, String message) {
        return withTunnel(localTunnelId, (Tunnel t, CompletableFuture<Void> f) -> {
            Session s = t.sessions.get(localSessionId);
            if (s == null) {
                f.completeExceptionally(new IllegalArgumentException("no session " + localTunnelId + "/"
                        + localSessionId));
                return;
            }
            daemon.tunnelFsm.sessions.close(s, resultCode, 0, message);
            f.complete(null);
        });
    }

    @Override
    public CompletionStage<Void> closeTunnel(int localTunnelId, int resultCode, String message) {
        return withTunnel(localTunnelId, (Tunnel t, CompletableFuture<Void> f) -> {
            dialer.operatorClosed(t);
            daemon.tunnelFsm.close(t, resultCode, 0, message);
            f.complete(null);
        });
    }

    @Override
    public List<String> peerNames() {
        return query(daemon.peers::names);
    }

    @Override
    public CompletionStage<Void> debug(int localTunnelId, int localSessionId, ControlTrace trace, int kernelMask) {
        Objects.requireNonNull(trace, "trace");
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.execute(() -> {
            Tunnel t = daemon.tunnels.get(localTunnelId);
            Session s = t == null || localSessionId == 0 ? null : t.sessions.get(localSessionId);
            if (t == null || (localSessionId != 0 && s == null)) {
                f.completeExceptionally(new IllegalArgumentException("no tunnel " + localTunnelId
                        + (localSessionId != 0 ? " with session " + localSessionId : "")));
                return;
            }
            if (trace != ControlTrace.UNCHANGED) {
                t.trace = trace == ControlTrace.ON;
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
                    + (trace == ControlTrace.UNCHANGED ? " (unchanged)" : "")
                    + (kernelMask >= 0 ? ", kernel debug mask " + kernelMask + (s != null ? " on " + s : "") : ""));
            f.complete(null);
        });
        return f;
    }

    /** What the daemon holds, for tests and the load generator. */
    record Counts(int tunnels, int sessions, int establishedSessions, int halfOpenTunnels) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    Counts counts() {
        return query(() -> new Counts(daemon.tunnels.size(), daemon.tunnels.sessions(),
                daemon.tunnels.establishedSessions(), daemon.tunnels.halfOpen()));
    }

    /** The tunnel {@code id} itself, for tests (loop thread's object: read it after a query). */
    Tunnel tunnelObject(int id) {
        return query(() -> daemon.tunnels.get(id));
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
                    for (Tunnel t : daemon.tunnels.snapshot()) {
                        daemon.tunnelFsm.close(t, StopCcnResult.SHUTTING_DOWN.code(), 0, "daemon shutting down");
                    }
                    return null;
                });
                long deadline = System.nanoTime() + graceMs * 1_000_000L;
                while (System.nanoTime() < deadline && query(() -> daemon.tunnels.all().stream()
                        .anyMatch(t -> !t.transport.idle()))) {
                    Thread.sleep(20);
                }
                call(() -> {
                    for (Tunnel t : daemon.tunnels.snapshot()) {
                        daemon.tunnelFsm.delete(t);
                    }
                    daemon.closeListener();
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
