package org.l2tp.api;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * The daemon at a glance.
 *
 * @param hostName           the Host Name we send
 * @param lns                whether we accept incoming control connections and calls (LNS role)
 * @param listen             the address of the listening UDP socket, or null when not listening
 * @param dataPlane          the data plane in use ("null", "kernel", ...)
 * @param dataPlaneAvailable whether that data plane can carry sessions here, and if not, why (in dataPlaneStatus)
 * @param dataPlaneStatus    a one-line explanation of the data plane's state
 * @param tunnels            established tunnels
 * @param halfOpenTunnels    tunnels still being set up
 * @param sessions           established sessions
 * @param started            when the daemon started
 * @param counters           daemon-wide control counters
 * @param protection         what was refused or dropped to protect the daemon, by reason
 */
public record DaemonStatus(String hostName, boolean lns, InetSocketAddress listen, String dataPlane,
                           boolean dataPlaneAvailable, String dataPlaneStatus, int tunnels, int halfOpenTunnels,
                           int sessions, Instant started, ControlCounters counters, ProtectionCounters protection) {

    /** A status without protection counters (all zero), for callers written before they existed. */
    public DaemonStatus(String hostName, boolean lns, InetSocketAddress listen, String dataPlane,
                        boolean dataPlaneAvailable, String dataPlaneStatus, int tunnels, int halfOpenTunnels,
                        int sessions, Instant started, ControlCounters counters) {
        this(hostName, lns, listen, dataPlane, dataPlaneAvailable, dataPlaneStatus, tunnels, halfOpenTunnels,
                sessions, started, counters, ProtectionCounters.ZERO);
    }
}
