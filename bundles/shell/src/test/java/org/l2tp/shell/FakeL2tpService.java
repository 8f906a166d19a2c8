package org.l2tp.shell;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.l2tp.api.ControlCounters;
import org.l2tp.api.ControlTrace;
import org.l2tp.api.DaemonStatus;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.ppp.PppInfo;

/**
 * The daemon as the commands see it, in memory: tunnels and sessions to find, and a record of the actions asked
 * for. Like the real one, an action on an unknown tunnel or session completes with an IllegalArgumentException;
 * {@link #failure} and {@link #silent} make the next action fail or go unanswered.
 */
final class FakeL2tpService implements L2tpService {
    static final Instant NOW = Instant.now();
    static final ControlCounters COUNTERS = new ControlCounters(Map.of("SCCRP", 1L, "ZLB", 2L),
            Map.of("SCCRQ", 1L, "SCCCN", 1L), 3, 4, 5, 6, 8, 7, 2);
    static final DataCounters DATA = new DataCounters(10, 1000, 0, 20, 2000, 1, 2, 0);

    final List<TunnelInfo> tunnels = new ArrayList<>();
    final List<SessionInfo> sessions = new ArrayList<>();
    /** The actions asked for, one line each: "closeTunnel 5 1 closed by operator". */
    final List<String> calls = new ArrayList<>();
    /** When set, the next action completes exceptionally with it. */
    Throwable failure;
    /** When set, the next action never answers (its wait times out at once). */
    boolean silent;

    /** A pppd's PPP, as {@link org.l2tp.api.ppp.PppProcess#info()} reports one, for a user and a peer address. */
    static PppInfo pppd(String user, String peerAddress, long pid) {
        return new PppInfo("pppd", "ppp3", "10.0.0.1", peerAddress, user, null, "pppd running", pid);
    }

    TunnelInfo tunnel(int id, int peerId, String hostName, String peerName) {
        TunnelInfo t = new TunnelInfo(id, peerId, TunnelState.ESTABLISHED, true, new InetSocketAddress("127.0.0.1",
                1701), new InetSocketAddress("192.0.2.7", 1701), hostName, peerName, 0, NOW, COUNTERS, DATA);
        tunnels.add(t);
        return t;
    }

    SessionInfo session(int tunnel, int id, int peerId) {
        return session(tunnel, id, peerId, null);
    }

    /** A session whose PPP reports {@code ppp} (null: none). */
    SessionInfo session(int tunnel, int id, int peerId, PppInfo ppp) {
        SessionInfo s = new SessionInfo(tunnel, id, peerId, SessionState.ESTABLISHED, true, false, 42, "100",
                "200", "ppp3", NOW, DATA, ppp);
        sessions.add(s);
        return s;
    }

    @Override
    public DaemonStatus status() {
        return new DaemonStatus("lns.example", true, new InetSocketAddress("0.0.0.0", 1701), "kernel", false,
                "this kernel has no PPPoL2TP sockets", tunnels.size(), 1, sessions.size(), NOW, COUNTERS);
    }

    @Override
    public List<TunnelInfo> tunnels() {
        return List.copyOf(tunnels);
    }

    @Override
    public Optional<TunnelInfo> tunnel(int localTunnelId) {
        return tunnels.stream().filter(t -> t.localId() == localTunnelId).findFirst();
    }

    @Override
    public List<SessionInfo> sessions(int localTunnelId) {
        return sessions.stream().filter(s -> localTunnelId == 0 || s.tunnelId() == localTunnelId).toList();
    }

    @Override
    public List<String> peerNames() {
        return List.of("lns1", "lns2");
    }

    @Override
    public CompletionStage<TunnelInfo> openTunnel(String peer) {
        return answer("openTunnel " + peer, () -> peer.startsWith("lns") ? tunnel(77, 88, "peer-" + peer, peer)
                : fail(new java.io.IOException("no answer from " + peer)));
    }

    @Override
    public CompletionStage<SessionInfo> openSession(int localTunnelId, String outgoingNumber) {
        return answer("openSession " + localTunnelId + " " + outgoingNumber, () -> tunnel(localTunnelId).isPresent()
                ? session(localTunnelId, 99, 11) : fail(new IllegalStateException("no established tunnel "
                + localTunnelId)));
    }

    @Override
    public CompletionStage<Void> closeSession(int localTunnelId, int localSessionId, int resultCode, String message) {
        return answer("closeSession " + localTunnelId + "/" + localSessionId + " " + resultCode + " " + message,
                () -> sessions.removeIf(s -> s.tunnelId() == localTunnelId && s.localId() == localSessionId) ? null
                        : fail(new IllegalArgumentException("no session " + localTunnelId + "/" + localSessionId)));
    }

    @Override
    public CompletionStage<Void> closeTunnel(int localTunnelId, int resultCode, String message) {
        return answer("closeTunnel " + localTunnelId + " " + resultCode + " " + message,
                () -> tunnels.removeIf(t -> t.localId() == localTunnelId) ? null
                        : fail(new IllegalArgumentException("no tunnel " + localTunnelId)));
    }

    @Override
    public CompletionStage<Void> debug(int localTunnelId, int localSessionId, ControlTrace trace, int kernelMask) {
        return answer("debug " + localTunnelId + " " + localSessionId + " " + trace + " " + kernelMask,
                () -> tunnel(localTunnelId).isPresent() ? null
                        : fail(new IllegalArgumentException("no tunnel " + localTunnelId)));
    }

    /** Thrown inside an answer: the action completes exceptionally with its cause. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(Throwable cause) {
            super(cause);
        }
    }

    private static <T> T fail(Throwable cause) {
        throw new Failure(cause);
    }

    private <T> CompletionStage<T> answer(String call, java.util.function.Supplier<T> result) {
        calls.add(call);
        if (silent) {
            silent = false;
            return new CompletableFuture<>() {
                @Override
                public T get(long timeout, TimeUnit unit) throws TimeoutException {
                    throw new TimeoutException();
                }
            };
        }
        Throwable f = failure;
        failure = null;
        if (f != null) {
            return CompletableFuture.failedFuture(f);
        }
        try {
            return CompletableFuture.completedFuture(result.get());
        } catch (Failure e) {
            return CompletableFuture.failedFuture(e.getCause());
        }
    }
}
