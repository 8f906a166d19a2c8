package org.l2tp.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The daemon's configuration (PID {@code org.l2tp.daemon}); see README.md for every key. Immutable; built and checked
 * from ConfigAdmin properties by {@link #from}.
 */
public record DaemonConfig(String hostName, InetSocketAddress listen, boolean lns, String dataPlane, int maxTunnels,
                           int maxSessions, int maxHalfOpenTunnels, Limits limits, Timers timers, int helloIntervalS,
                           int holdS, int sessionSetupTimeoutS, boolean acceptUnconfigured, Secret secret,
                           boolean hiddenAvps) {

    /**
     * What one peer may hold, so that it cannot starve the others (README, "Security model").
     *
     * @param tunnelsPerPeer         tunnels of one IP address, in any state
     * @param halfOpenPerPeer        tunnels of one IP address not yet established
     * @param sessionsPerTunnel      sessions of one tunnel, in any state
     * @param tunnelSetupTimeoutS    seconds a tunnel may take to reach ESTABLISHED
     */
    public record Limits(int tunnelsPerPeer, int halfOpenPerPeer, int sessionsPerTunnel, int tunnelSetupTimeoutS) {
    }

    /** Reliable-transport timing shared by the daemon and overridable per peer. */
    public record Timers(int receiveWindow, long retransmitInitialMs, long retransmitMaxMs, int retransmitRetries,
                         long ackDelayMs) {
        ReliableTransport.Settings settings() {
            return new ReliableTransport.Settings(receiveWindow, retransmitInitialMs, retransmitMaxMs,
                    retransmitRetries, ackDelayMs);
        }

        /** The daemon's timers ({@code def} null), or a peer's with the daemon's as defaults. */
        static Timers from(Props p, Timers def) throws ConfigException {
            Timers t = def == null ? new Timers(
                    p.integer("receive.window", 1, 1024),
                    p.number("retransmit.initial.ms", 10, 60_000),
                    p.number("retransmit.max.ms", 10, 600_000),
                    p.integer("retransmit.retries", 1, 100),
                    p.number("ack.delay.ms", 0, 10_000)) : new Timers(
                    p.integer("receive.window", def.receiveWindow, 1, 1024),
                    p.number("retransmit.initial.ms", def.retransmitInitialMs, 10, 60_000),
                    p.number("retransmit.max.ms", def.retransmitMaxMs, 10, 600_000),
                    p.integer("retransmit.retries", def.retransmitRetries, 1, 100),
                    p.number("ack.delay.ms", def.ackDelayMs, 0, 10_000));
            if (t.retransmitMaxMs < t.retransmitInitialMs) {
                throw new ConfigException("retransmit.max.ms", "must not be below retransmit.initial.ms ("
                        + t.retransmitInitialMs + ")");
            }
            return t;
        }
    }

    public static final String PID = "org.l2tp.daemon";

    /** The tunnel secret for {@code peer} (null: an unconfigured peer): its own, else the daemon's, else none. */
    Secret secretFor(PeerConfig peer) {
        return peer != null && peer.secret() != null ? peer.secret() : secret;
    }

    public static DaemonConfig defaults() {
        try {
            return from(Map.of());
        } catch (ConfigException e) {
            throw new AssertionError("defaults are valid", e);
        }
    }

    public static DaemonConfig from(Map<String, ?> properties) throws ConfigException {
        Props p = new Props(properties, DaemonOcd.class);
        String host = p.string("host.name", localHostName());
        if (host.isEmpty() || host.length() > 1000) {
            throw new ConfigException("host.name", "must be 1-1000 characters");
        }
        InetAddress address = p.address("listen.address");
        int port = p.integer("listen.port", 0, 65535);
        return new DaemonConfig(host, new InetSocketAddress(address, port), p.bool("lns"),
                p.choice("dataplane", "auto", "kernel", "null"),
                p.integer("max.tunnels", 1, 65535),
                p.integer("max.sessions", 1, 10_000_000),
                p.integer("max.halfopen.tunnels", 1, 65535),
                new Limits(p.integer("max.tunnels.per.peer", 1, 65535),
                        p.integer("max.halfopen.tunnels.per.peer", 1, 65535),
                        p.integer("max.sessions.per.tunnel", 1, 65535),
                        p.integer("tunnel.setup.timeout", 1, 600)),
                Timers.from(p, null),
                p.integer("hello.interval", 0, 3600),
                p.integer("hold.time", 0, 600),
                p.integer("session.setup.timeout", 1, 600),
                p.bool("accept.unconfigured"),
                p.secret("secret"),
                p.bool("hidden.avps"));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "l2tpd";
        }
    }
}
