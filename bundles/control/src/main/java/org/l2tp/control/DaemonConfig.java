package org.l2tp.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The daemon's configuration (PID {@code org.l2tp.daemon}); see README.md for every key. Immutable; built and checked
 * from ConfigAdmin properties by {@link #from}.
 */
public record DaemonConfig(String hostName, InetSocketAddress listen, boolean lns, String dataPlane, int maxTunnels,
                           int maxSessions, int maxHalfOpenTunnels, Timers timers, int helloIntervalS, int holdS,
                           int sessionSetupTimeoutS, boolean acceptUnconfigured, Secret secret, boolean hiddenAvps) {

    /** Reliable-transport timing shared by the daemon and overridable per peer. */
    public record Timers(int receiveWindow, long retransmitInitialMs, long retransmitMaxMs, int retransmitRetries,
                         long ackDelayMs) {
        ReliableTransport.Settings settings() {
            return new ReliableTransport.Settings(receiveWindow, retransmitInitialMs, retransmitMaxMs,
                    retransmitRetries, ackDelayMs);
        }

        static Timers from(Props p, Timers def) throws ConfigException {
            Timers t = new Timers(
                    p.integer("receive.window", def == null ? 16 : def.receiveWindow, 1, 1024),
                    p.number("retransmit.initial.ms", def == null ? 1000 : def.retransmitInitialMs, 10, 60_000),
                    p.number("retransmit.max.ms", def == null ? 8000 : def.retransmitMaxMs, 10, 600_000),
                    p.integer("retransmit.retries", def == null ? 5 : def.retransmitRetries, 1, 100),
                    p.number("ack.delay.ms", def == null ? 100 : def.ackDelayMs, 0, 10_000));
            if (t.retransmitMaxMs < t.retransmitInitialMs) {
                throw new ConfigException("retransmit.max.ms", "must not be below retransmit.initial.ms ("
                        + t.retransmitInitialMs + ")");
            }
            return t;
        }
    }

    public static final String PID = "org.l2tp.daemon";

    public static DaemonConfig defaults() {
        try {
            return from(Map.of());
        } catch (ConfigException e) {
            throw new AssertionError("defaults are valid", e);
        }
    }

    public static DaemonConfig from(Map<String, ?> properties) throws ConfigException {
        Props p = new Props(properties);
        String host = p.string("host.name", localHostName());
        if (host.isEmpty() || host.length() > 1000) {
            throw new ConfigException("host.name", "must be 1-1000 characters");
        }
        InetAddress address = p.address("listen.address", "0.0.0.0");
        int port = p.integer("listen.port", 1701, 0, 65535);
        return new DaemonConfig(host, new InetSocketAddress(address, port), p.bool("lns", true),
                p.choice("dataplane", "auto", "auto", "kernel", "null"),
                p.integer("max.tunnels", 4096, 1, 65535),
                p.integer("max.sessions", 100_000, 1, 10_000_000),
                p.integer("max.halfopen.tunnels", 256, 1, 65535),
                Timers.from(p, null),
                p.integer("hello.interval", 60, 0, 3600),
                p.integer("hold.time", 31, 0, 600),
                p.integer("session.setup.timeout", 30, 1, 600),
                p.bool("accept.unconfigured", true),
                p.secret("secret"),
                p.bool("hidden.avps", false));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "l2tpd";
        }
    }
}
