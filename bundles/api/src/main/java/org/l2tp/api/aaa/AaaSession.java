package org.l2tp.api.aaa;

import java.time.Instant;

import org.l2tp.api.dataplane.DataCounters;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A session whose network is up after an {@link Authenticator} accepted it, as that provider sees it for accounting
 * and dynamic authorization (RFC 2866, RFC 5176). Implemented by the PPP engine; thread-safe.
 */
@ProviderType
public interface AaaSession {
    SessionContext context();

    /** The name the peer authenticated as. */
    String user();

    AuthMethod method();

    /** The peer's IPv4 address on the link (text), or null. */
    String peerAddress();

    /** The network interface (l2tpT-S), or null. */
    String interfaceName();

    /** When the network came up. */
    Instant started();

    /**
     * The session's data counters now (the kernel's PPPIOCGL2TPSTATS on its session socket: L2TP payload, PPP
     * included); once the session has ended, the last ones read before its socket closed.
     */
    DataCounters counters();

    /** The session timeout in force, seconds from {@link #started()}, 0 for none. */
    int sessionTimeoutS();

    /** The idle timeout in force in seconds, 0 for none. */
    int idleTimeoutS();

    /**
     * Changes the timeouts of the running session (RFC 5176 CoA-Request): the session timeout counts from
     * {@link #started()} (a value already passed ends the session now), the idle timeout from the last traffic;
     * 0 removes one, a negative value leaves it as it is. Applied on the engine's loop.
     */
    void setTimeouts(int sessionTimeoutS, int idleTimeoutS);
}
