package org.l2tp.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The L2TP daemon as the rest of the platform sees it: what is up, and the operator's actions. Thread-safe; actions
 * complete asynchronously on the daemon's event loop. Implemented by the daemon only (a provider type: methods may be
 * added in minor versions); every other bundle uses it.
 */
@ProviderType
public interface L2tpService {

    /** Roles, addresses, data plane and counts. */
    DaemonStatus status();

    List<TunnelInfo> tunnels();

    Optional<TunnelInfo> tunnel(int localTunnelId);

    /** Sessions of one tunnel, or of all tunnels when {@code localTunnelId} is 0. */
    List<SessionInfo> sessions(int localTunnelId);

    /**
     * Opens a control connection to a configured peer (by its configuration name) or to "host[:port]". Completes
     * when the tunnel is established, exceptionally when it fails.
     */
    CompletionStage<TunnelInfo> openTunnel(String peer);

    /**
     * Places a call on an established tunnel: an incoming call (ICRQ, we are the LAC) when {@code outgoingNumber}
     * is null, else an outgoing call to that number (OCRQ, we are the LNS). Completes when the session is up.
     */
    CompletionStage<SessionInfo> openSession(int localTunnelId, String outgoingNumber);

    /** Ends a session with a CDN carrying this result code (RFC 2661 section 4.4.2) and message. */
    CompletionStage<Void> closeSession(int localTunnelId, int localSessionId, int resultCode, String message);

    /** Ends a tunnel and its sessions with a StopCCN carrying this result code and message. */
    CompletionStage<Void> closeTunnel(int localTunnelId, int resultCode, String message);

    /** The names of the configured peers (org.l2tp.peer). */
    List<String> peerNames();

    /**
     * Debugging for one tunnel ({@code localSessionId} 0) or session: {@code trace} turns the logging of every
     * control message sent and received on the tunnel on or off, or leaves it ({@link ControlTrace#UNCHANGED});
     * {@code kernelMask} (0-255, or -1 to leave it) is the kernel's PPPOL2TP_MSG_* mask for the tunnel's or
     * session's PPPoL2TP socket. Completes exceptionally with an IllegalArgumentException when there is no such
     * tunnel or session.
     *
     * @param trace not null
     */
    CompletionStage<Void> debug(int localTunnelId, int localSessionId, ControlTrace trace, int kernelMask);

    /**
     * As {@link #debug(int, int, ControlTrace, int)} with the trace turned on or off.
     *
     * @deprecated the trace cannot be left as it is this way; use {@link #debug(int, int, ControlTrace, int)}
     */
    @Deprecated
    default CompletionStage<Void> debug(int localTunnelId, int localSessionId, boolean trace, int kernelMask) {
        return debug(localTunnelId, localSessionId, ControlTrace.of(trace), kernelMask);
    }
}
