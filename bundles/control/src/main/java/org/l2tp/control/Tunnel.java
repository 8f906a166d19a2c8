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
 * thread only. The automaton that drives it is {@link TunnelFsm}; it changes {@link #state} only through
 * {@link TunnelRegistry#enter}.
 */
final class Tunnel implements ReliableTransport.Link {
    private final ControlContext ctx;
    private final TunnelFsm fsm;
    final int localId;
    final boolean initiator;
    final InetSocketAddress local;
    InetSocketAddress peer;
    int peerId;
    TunnelState state = TunnelState.IDLE;
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
    final Scheduler.Timer timer;
    /** The challenge we sent, until the peer's answer to it is checked (section 4.2). */
    byte[] ourChallenge;
    byte[] tieBreaker;
    String peerHostName;
    long lastReceived;
    /**
     * When the current state ends on its own, or -1: the set-up deadline in wait-ctl-reply and wait-ctl-conn,
     * the next HELLO in established, the end of the hold period in closing.
     */
    long deadline = -1;
    int closeResult;
    String closeMessage;
    DataTunnel data;
    /** Who waits for this tunnel to come up (tunnel-open), if anyone. */
    CompletableFuture<TunnelInfo> opened;
    long nextCallSerial = 1;
    /** Operator's trace: log every control message of this tunnel. */
    boolean trace;
    final long createdMillis = System.currentTimeMillis();

    Tunnel(ControlContext ctx, TunnelFsm fsm, int localId, boolean initiator, InetSocketAddress local,
           InetSocketAddress peer, ReliableTransport.Settings settings) {
        this.ctx = ctx;
        this.fsm = fsm;
        this.localId = localId;
        this.initiator = initiator;
        this.local = local;
        this.peer = peer;
        this.transport = new ReliableTransport(this, settings);
        this.timer = new Scheduler.Timer(() -> fsm.onTimer(this));
        this.lastReceived = ctx.scheduler().now();
    }

    /** Sends a message reliably (its header's Session ID is the peer's session, 0 for the tunnel). */
    void send(ControlMessage m) {
        transport.send(m);
    }

    @Override
    public long now() {
        return ctx.scheduler().now();
    }

    @Override
    public void transmit(ControlMessage m) {
        ctx.transmit(this, m.withIds(peerId, m.isZlb() ? 0 : m.sessionId()));
    }

    @Override
    public void timerChanged() {
        fsm.rearm(this);
    }

    @Override
    public void failed() {
        fsm.peerUnresponsive(this);
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
