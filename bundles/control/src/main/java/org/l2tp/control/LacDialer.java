package org.l2tp.control;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.l2tp.api.TunnelState;

/**
 * The LAC's persistence, as operators know it from xl2tpd's autodial/redial and OpenL2TP's persist: for each peer
 * configured with {@code connect=true}, keep a tunnel and {@code sessions} calls up, redialling with exponential
 * back-off (redial.min doubling up to redial.max) when they fail or drop. An operator's tunnel-close suspends it
 * until the peer's configuration changes.
 */
final class LacDialer {
    private final Daemon cp;
    private final Map<String, Dial> dials = new HashMap<>();

    private final class Dial {
        PeerConfig peer;
        Tunnel tunnel;
        int backoffS;
        int sessionBackoffS;
        boolean suspended;
        final Scheduler.Timer tunnelTimer = new Scheduler.Timer(this::dial);
        final Scheduler.Timer sessionTimer = new Scheduler.Timer(this::fillSessions);

        Dial(PeerConfig peer) {
            this.peer = peer;
        }

        void dial() {
            if (suspended || tunnel != null || !dials.containsKey(peer.name())) {
                return;
            }
            try {
                // Ours, or the peer's whose SCCRQ crossed ours (TunnelFsm.open adopts it).
                tunnel = cp.tunnelFsm.open(peer, null);
            } catch (IOException | RuntimeException e) {
                ControlPlane.LOG.warning(() -> "LAC " + peer.name() + ": cannot dial: " + e.getMessage());
                retryTunnel();
            }
        }

        void retryTunnel() {
            if (!peer.redial() || suspended) {
                return;
            }
            backoffS = backoffS == 0 ? peer.redialMinS() : Math.min(peer.redialMaxS(), backoffS * 2);
            ControlPlane.LOG.info(() -> "LAC " + peer.name() + ": redialling in " + backoffS + " s");
            cp.loop.arm(tunnelTimer, cp.loop.now() + backoffS * 1000L);
        }

        void fillSessions() {
            if (tunnel == null || tunnel.state != TunnelState.ESTABLISHED || suspended) {
                return;
            }
            int missing = peer.sessions() - countLacSessions(tunnel);
            for (int i = 0; i < missing; i++) {
                cp.tunnelFsm.sessions.open(tunnel, null, new java.util.concurrent.CompletableFuture<>());
            }
        }

        void retrySessions() {
            if (!peer.redial() || suspended) {
                return;
            }
            sessionBackoffS = sessionBackoffS == 0 ? peer.redialMinS()
                    : Math.min(peer.redialMaxS(), sessionBackoffS * 2);
            if (!sessionTimer.armed()) {
                cp.loop.arm(sessionTimer, cp.loop.now() + sessionBackoffS * 1000L);
            }
        }
    }

    LacDialer(Daemon cp) {
        this.cp = cp;
    }

    private static int countLacSessions(Tunnel t) {
        int n = 0;
        for (Session s : t.sessions.values()) {
            if (s.lac && !s.outgoing) {
                n++;
            }
        }
        return n;
    }

    void peerChanged(PeerConfig old, PeerConfig peer) {
        Dial d = dials.get(peer.name());
        if (!peer.connect()) {
            if (d != null) {
                stop(d);
                dials.remove(peer.name());
            }
            return;
        }
        if (d == null) {
            d = new Dial(peer);
            dials.put(peer.name(), d);
        }
        d.peer = peer;
        d.suspended = false;
        if (d.tunnel == null) {
            d.dial();
        } else {
            d.tunnel.config = peer;
            d.fillSessions();
        }
    }

    void peerRemoved(PeerConfig old) {
        Dial d = dials.remove(old.name());
        if (d != null) {
            stop(d);
        }
    }

    private void stop(Dial d) {
        cp.loop.disarm(d.tunnelTimer);
        cp.loop.disarm(d.sessionTimer);
        d.suspended = true;
    }

    private Dial dialFor(Tunnel t) {
        if (t.config == null) {
            return null;
        }
        Dial d = dials.get(t.config.name());
        return d != null && d.tunnel == t ? d : null;
    }

    /** Our SCCRQ lost a tie (section 4.4.3): the tunnel the peer's SCCRQ brings up is this peer's tunnel now. */
    void handOver(Tunnel lost, Tunnel winner) {
        Dial d = dialFor(lost);
        if (d != null) {
            d.tunnel = winner;
        }
    }

    void tunnelUp(Tunnel t) {
        Dial d = dialFor(t);
        if (d != null) {
            d.backoffS = 0;
            d.fillSessions();
        }
    }

    void tunnelDown(Tunnel t) {
        Dial d = dialFor(t);
        if (d != null) {
            d.tunnel = null;
            cp.loop.disarm(d.sessionTimer);
            d.retryTunnel();
        }
    }

    void sessionUp(Session s) {
        Dial d = dialFor(s.tunnel);
        if (d != null) {
            d.sessionBackoffS = 0;
        }
    }

    void sessionDown(Session s) {
        Dial d = dialFor(s.tunnel);
        if (d != null && s.tunnel.state == TunnelState.ESTABLISHED && s.lac && !s.outgoing) {
            d.retrySessions();
        }
    }

    /** A call could not even be placed (no data plane yet): try again after the back-off. */
    void sessionRefused(Tunnel t) {
        Dial d = dialFor(t);
        if (d != null && !d.suspended && !d.sessionTimer.armed()) {
            // Not a failed call but a data plane still coming up: retried even without redial.
            cp.loop.arm(d.sessionTimer, cp.loop.now() + d.peer.redialMinS() * 1000L);
        }
    }

    /** The data plane can carry calls now: place the missing ones at once. */
    void dataPlaneReady() {
        for (Dial d : dials.values()) {
            d.sessionBackoffS = 0;
            d.fillSessions();
        }
    }

    void operatorClosed(Tunnel t) {
        Dial d = dialFor(t);
        if (d != null) {
            stop(d);
        }
    }

    void stop() {
        for (Dial d : dials.values()) {
            stop(d);
        }
    }

    /** For tests: whether a redial of {@code peer}'s tunnel or calls is scheduled. Asked on the loop. */
    boolean redialPending(String peer) throws Exception {
        java.util.function.BooleanSupplier q = () -> {
            Dial d = dials.get(peer);
            return d != null && !d.suspended && (d.tunnelTimer.armed() || d.sessionTimer.armed());
        };
        if (cp.loop.inLoop()) {
            return q.getAsBoolean();
        }
        java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
        cp.loop.execute(() -> f.complete(q.getAsBoolean()));
        return f.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
