package org.l2tp.control;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.api.dataplane.DataTunnel;
import org.l2tp.codec.ControlMessage;

/**
 * One control connection (RFC 2661 section 7.2): its ids, state, socket, reliable transport and sessions. Loop
 * thread only. The state machine that drives it is {@link TunnelFsm}.
 */
final class Tunnel implements ReliableTransport.Link {
    final ControlPlane cp;
    final int localId;
    final boolean initiator;
    final InetSocketAddress local;
    InetSocketAddress peer;
    int peerId;
    TunnelState state = TunnelState.IDLE;
    /** Counted in the daemon's half-open tunnels (created, not yet established or closed). */
    boolean halfOpen;
    PeerConfig config;
    Secret secret;
    boolean hideAvps;
    int helloIntervalS;
    DatagramChannel socket;
    SelectionKey key;
    final ReliableTransport transport;
    final Map<Integer, Session> sessions = new HashMap<>();
    final IdAllocator sessionIds = new IdAllocator();
    final Counters counters = new Counters();
    final EventLoop.Timer timer;
    byte[] ourChallenge;
    byte[] tieBreaker;
    String peerHostName;
    long lastReceived;
    long helloDeadline = -1;
    long closeDeadline = -1;
    /** When a tunnel not yet established is given up (tunnel.setup.timeout); -1 once established or closing. */
    long setupDeadline = -1;
    int closeResult;
    String closeMessage;
    DataTunnel data;
    CompletableFuture<TunnelInfo> opened;
    long nextCallSerial = 1;
    /** Operator's trace: log every control message of this tunnel. */
    boolean trace;
    final long createdMillis = System.currentTimeMillis();

    Tunnel(ControlPlane cp, int localId, boolean initiator, InetSocketAddress local, InetSocketAddress peer,
           ReliableTransport.Settings settings) {
        this.cp = cp;
        this.localId = localId;
        this.initiator = initiator;
        this.local = local;
        this.peer = peer;
        this.transport = new ReliableTransport(this, settings);
        this.timer = new EventLoop.Timer(() -> cp.tunnelFsm.onTimer(this));
        this.lastReceived = cp.loop.now();
    }

    /** Sends a message reliably, to the peer's session {@code peerSessionId} (0 for the tunnel). */
    void send(ControlMessage m) {
        transport.send(m);
    }

    @Override
    public long now() {
        return cp.loop.now();
    }

    @Override
    public void transmit(ControlMessage m) {
        cp.transmit(this, m.withIds(peerId, m.isZlb() ? 0 : m.sessionId()));
    }

    @Override
    public void timerChanged() {
        cp.tunnelFsm.rearm(this);
    }

    @Override
    public void failed() {
        cp.tunnelFsm.peerUnresponsive(this);
    }

    TunnelInfo info() {
        return new TunnelInfo(localId, peerId, state, initiator, local, peer, peerHostName,
                config == null ? null : config.name(), sessions.size(), Instant.ofEpochMilli(createdMillis),
                counters.snapshot(transport.retransmissions(), transport.duplicates(), transport.outOfWindow(),
                        transport.peerWindow(), transport.congestionWindow(), transport.queued()),
                data == null ? org.l2tp.api.dataplane.DataCounters.ZERO : data.counters());
    }

    @Override
    public String toString() {
        return "tunnel " + localId + "/" + peerId + " with " + peer.getAddress().getHostAddress() + ":"
                + peer.getPort() + (peerHostName != null ? " (" + peerHostName + ")" : "");
    }
}
