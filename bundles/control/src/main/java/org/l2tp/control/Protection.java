package org.l2tp.control;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.ProtectionCounters;

/**
 * What strangers may cost us: tunnels and half-open tunnels per peer address, the rate of log lines and stateless
 * answers their input causes, and exact counts of everything refused. Loop thread only.
 */
final class Protection {
    /** Per IP address (every port of it together, so one host behind many ports is still one peer). */
    private static final class PerAddress {
        int tunnels;
        int halfOpen;
    }

    private final Map<InetAddress, PerAddress> byAddress = new HashMap<>();

    long startupDropped;
    long notAuthorized;
    long tunnelLimit;
    long peerTunnelLimit;
    long peerHalfOpenLimit;
    long tunnelSetupTimeouts;
    long sessionLimit;
    long tunnelSessionLimit;
    long duplicateSessionIds;
    long foreignSource;
    long unknownTunnel;
    /** Tunnels refused because their socket could not be opened (descriptors exhausted, ...). */
    long socketFailures;

    /** Log lines caused by strangers' input: 20 a second, bursts of 50. */
    final Throttle log;
    /**
     * Stateless StopCCNs, to unknown tunnels and refused SCCRQs (the source is unproven and the answer can be
     * larger than the question): 50 a second, bursts of 100.
     */
    final Throttle answers;

    Protection(LongSupplier clockMs) {
        this.log = new Throttle("log lines about strangers' input", 20, 50, clockMs);
        this.answers = new Throttle("stateless StopCCNs (unknown tunnels, refused SCCRQs)", 50, 100, clockMs);
    }

    /**
     * Why a new tunnel with {@code peer} cannot be had now, counting the refusal; null when it can. The per-peer
     * limits guard against what others ask of us ({@code inbound}); the tunnels we open ourselves (operator, LAC
     * dialer) meet only the daemon's limits.
     */
    String refuseTunnel(InetAddress peer, DaemonConfig c, int tunnels, int halfOpen, boolean inbound) {
        PerAddress a = byAddress.get(peer);
        if (tunnels >= c.maxTunnels() || halfOpen >= c.maxHalfOpenTunnels()) {
            tunnelLimit++;
            return tunnels >= c.maxTunnels() ? "tunnel limit (max.tunnels " + c.maxTunnels() + ") reached"
                    : "half-open tunnel limit (max.halfopen.tunnels " + c.maxHalfOpenTunnels() + ") reached";
        }
        if (!inbound) {
            return null;
        }
        if (a != null && a.tunnels >= c.limits().tunnelsPerPeer()) {
            peerTunnelLimit++;
            return "this address has " + a.tunnels + " tunnels (max.tunnels.per.peer)";
        }
        if (a != null && a.halfOpen >= c.limits().halfOpenPerPeer()) {
            peerHalfOpenLimit++;
            return "this address has " + a.halfOpen + " tunnels being set up (max.halfopen.tunnels.per.peer)";
        }
        return null;
    }

    void tunnelCreated(InetAddress peer) {
        byAddress.computeIfAbsent(peer, k -> new PerAddress()).tunnels++;
    }

    /** The tunnel is being set up (wait-ctl-reply or wait-ctl-conn). */
    void enteredHalfOpen(InetAddress peer) {
        byAddress.computeIfAbsent(peer, k -> new PerAddress()).halfOpen++;
    }

    /** The tunnel is established or closing: no longer being set up. */
    void leftHalfOpen(InetAddress peer) {
        PerAddress a = byAddress.get(peer);
        if (a != null) {
            a.halfOpen--;
        }
    }

    /** The tunnel is gone (after {@link #leftHalfOpen}). */
    void tunnelGone(InetAddress peer) {
        PerAddress a = byAddress.get(peer);
        if (a == null) {
            return;
        }
        a.tunnels--;
        if (a.tunnels <= 0) {
            byAddress.remove(peer);
        }
    }

    /** Writes a summary for floods that have stopped (called every few seconds). */
    void summaries(Logger logger) {
        log.summary(logger, Level.WARNING);
        answers.summary(logger, Level.INFO);
    }

    ProtectionCounters snapshot() {
        return new ProtectionCounters(startupDropped, notAuthorized, tunnelLimit, peerTunnelLimit, peerHalfOpenLimit,
                tunnelSetupTimeouts, sessionLimit, tunnelSessionLimit, duplicateSessionIds, foreignSource,
                unknownTunnel, socketFailures, answers.suppressedTotal(), log.suppressedTotal());
    }
}
