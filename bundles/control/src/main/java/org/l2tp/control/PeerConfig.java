package org.l2tp.control;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * One peer's configuration (factory PID {@code org.l2tp.peer}); see README.md for every key. A peer is matched to
 * incoming control connections by address, and is where our LAC connects to.
 *
 * @param name            unique name, used by the shell and in logs
 * @param address         the peer's IP address and UDP port
 * @param secret          the tunnel secret (challenge/response and hidden AVPs), or null for none
 * @param hiddenAvps      whether we hide AVPs we send (never in SCCRQ)
 * @param helloIntervalS  seconds of silence before we send HELLO (0: never)
 * @param timers          reliable-transport settings
 * @param connect         LAC: open the tunnel at start
 * @param sessions        LAC: the number of incoming calls to place once the tunnel is up
 * @param redial          LAC: reconnect and re-place calls when they fail or drop
 * @param redialMinS      LAC: the first back-off, doubled up to redialMaxS
 * @param redialMaxS      LAC: the longest back-off
 * @param source          the properties it was made from: what the daemon's values are taken into again when they
 *                        change
 */
public record PeerConfig(String name, InetSocketAddress address, Secret secret, boolean hiddenAvps,
                         int helloIntervalS, DaemonConfig.Timers timers, boolean connect, int sessions,
                         boolean redial, int redialMinS, int redialMaxS, Map<String, ?> source) {

    public static final String FACTORY_PID = "org.l2tp.peer";

    public static PeerConfig from(Map<String, ?> properties, DaemonConfig daemon) throws ConfigException {
        Props p = new Props(properties, PeerOcd.class);
        String name = p.string("name", null);
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("name", "required: 1-64 letters, digits, '.', '_' or '-'");
        }
        String address = p.string("address", null);
        if (address == null) {
            throw new ConfigException("address", "required: the peer's host[:port]");
        }
        InetSocketAddress a = Props.endpoint("address", address, 1701);
        int min = p.integer("redial.min", 1, 3600);
        int max = p.integer("redial.max", 1, 86_400);
        if (max < min) {
            throw new ConfigException("redial.max", "must not be below redial.min (" + min + ")");
        }
        return new PeerConfig(name, a, p.secret("secret") != null ? p.secret("secret") : null,
                p.bool("hidden.avps", daemon.hiddenAvps()),
                p.integer("hello.interval", daemon.helloIntervalS(), 0, 3600),
                DaemonConfig.Timers.from(p, daemon.timers()),
                p.bool("connect"), p.integer("sessions", 0, 65535),
                p.bool("redial"), min, max, Map.copyOf(properties));
    }

    @Override
    public String toString() {
        return "PeerConfig[" + name + " " + address + (secret != null ? " secret=********" : "") + "]";
    }
}
