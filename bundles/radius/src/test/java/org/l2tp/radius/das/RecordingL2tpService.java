package org.l2tp.radius.das;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.l2tp.api.ControlTrace;
import org.l2tp.api.DaemonStatus;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.ppp.PppInfo;

/** A daemon with the sessions the test gives it, recording every closeSession. */
final class RecordingL2tpService implements L2tpService {
    /** One closeSession call. */
    record Close(int tunnelId, int sessionId, int resultCode, String message) {
    }

    final List<SessionInfo> sessions = new CopyOnWriteArrayList<>();
    final List<Close> closed = new CopyOnWriteArrayList<>();

    /** An established session whose PPP (pppd, say) reports this user and peer address. */
    RecordingL2tpService session(int tunnelId, int sessionId, String user, String peerAddress) {
        sessions.add(new SessionInfo(tunnelId, sessionId, 77, SessionState.ESTABLISHED, false, false, 1, null, null,
                "ppp0", Instant.now(), DataCounters.ZERO,
                new PppInfo("pppd", "ppp0", "10.0.0.1", peerAddress, user, null, "LCP opened", 1234)));
        return this;
    }

    @Override
    public CompletionStage<Void> closeSession(int localTunnelId, int localSessionId, int resultCode, String message) {
        closed.add(new Close(localTunnelId, localSessionId, resultCode, message));
        sessions.removeIf(s -> s.tunnelId() == localTunnelId && s.localId() == localSessionId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<SessionInfo> sessions(int localTunnelId) {
        return List.copyOf(sessions);
    }

    @Override
    public DaemonStatus status() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TunnelInfo> tunnels() {
        return List.of();
    }

    @Override
    public Optional<TunnelInfo> tunnel(int localTunnelId) {
        return Optional.empty();
    }

    @Override
    public CompletionStage<TunnelInfo> openTunnel(String peer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<SessionInfo> openSession(int localTunnelId, String outgoingNumber) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> closeTunnel(int localTunnelId, int resultCode, String message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> peerNames() {
        return List.of();
    }

    @Override
    public CompletionStage<Void> debug(int localTunnelId, int localSessionId, ControlTrace trace, int kernelMask) {
        throw new UnsupportedOperationException();
    }
}
