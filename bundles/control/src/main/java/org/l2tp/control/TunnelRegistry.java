package org.l2tp.control;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelState;

/**
 * The live tunnels, by our Tunnel ID and by (peer address, the peer's Tunnel ID), the Tunnel IDs, and the counts
 * the limits need. The counts follow from the states: every change of state goes through {@link #enter}, which is
 * where they are kept. Loop thread only.
 */
final class TunnelRegistry {
    record PeerKey(InetSocketAddress peer, int peerTunnelId) {
    }

    private final Map<Integer, Tunnel> byId = new HashMap<>();
    /** A retransmitted SCCRQ finds its tunnel here (section 5.8). */
    private final Map<PeerKey, Tunnel> byPeer = new HashMap<>();
    final IdAllocator ids = new IdAllocator();
    private final Protection protection;
    private int halfOpen;
    private int sessions;
    private int establishedSessions;
    /** Retransmissions of tunnels that are gone (the live ones count their own). */
    long retransmissionsOfGone;

    TunnelRegistry(Protection protection) {
        this.protection = protection;
    }

    Tunnel get(int localId) {
        return byId.get(localId);
    }

    Tunnel byPeer(InetSocketAddress peer, int peerTunnelId) {
        return byPeer.get(new PeerKey(peer, peerTunnelId));
    }

    Collection<Tunnel> all() {
        return byId.values();
    }

    List<Tunnel> snapshot() {
        return new ArrayList<>(byId.values());
    }

    int size() {
        return byId.size();
    }

    boolean contains(Tunnel t) {
        return byId.get(t.localId) == t;
    }

    void add(Tunnel t) {
        byId.put(t.localId, t);
        protection.tunnelCreated(t.peer.getAddress());
    }

    /** The peer told us its Tunnel ID. */
    void peerKnown(Tunnel t) {
        byPeer.put(new PeerKey(t.peer, t.peerId), t);
    }

    /** Forgets a tunnel; its id lingers for {@code lingerUntil} so late messages are not taken for a new one. */
    void remove(Tunnel t, long lingerUntil, long now) {
        if (byId.get(t.localId) == t) {
            enter(t, TunnelState.IDLE);
            byId.remove(t.localId);
            ids.linger(t.localId, lingerUntil);
            protection.tunnelGone(t.peer.getAddress());
        }
        byPeer.remove(new PeerKey(t.peer, t.peerId), t);
        ids.expire(now);
    }

    private static boolean halfOpen(TunnelState s) {
        return s == TunnelState.WAIT_CTL_REPLY || s == TunnelState.WAIT_CTL_CONN;
    }

    /** The one place a tunnel changes state; the half-open counts follow. */
    void enter(Tunnel t, TunnelState to) {
        boolean was = halfOpen(t.state);
        boolean is = halfOpen(to);
        t.state = to;
        if (was && !is) {
            halfOpen--;
            protection.leftHalfOpen(t.peer.getAddress());
        } else if (!was && is) {
            halfOpen++;
            protection.enteredHalfOpen(t.peer.getAddress());
        }
    }

    /** The one place a session changes state; the session counts follow. */
    void enter(Session s, SessionState to) {
        SessionState from = s.state;
        s.state = to;
        boolean wasLive = from != SessionState.IDLE && from != SessionState.CLOSED;
        boolean isLive = to != SessionState.IDLE && to != SessionState.CLOSED;
        sessions += (isLive ? 1 : 0) - (wasLive ? 1 : 0);
        establishedSessions += (to == SessionState.ESTABLISHED ? 1 : 0) - (from == SessionState.ESTABLISHED ? 1 : 0);
    }

    int halfOpen() {
        return halfOpen;
    }

    /** Sessions in any state but idle. */
    int sessions() {
        return sessions;
    }

    int establishedSessions() {
        return establishedSessions;
    }
}
