package org.l2tp.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener: register a service with this interface to hear tunnels and sessions go up and down. Called
 * on the daemon's event loop: return quickly.
 *
 * <p>Consumer type: implemented by the bundles that want the events; new events come as default methods.
 */
@ConsumerType
public interface L2tpListener {
    default void tunnelUp(TunnelInfo tunnel) {
    }

    /** {@code resultCode} and {@code message} are those of the StopCCN sent or received (message may be null). */
    default void tunnelDown(TunnelInfo tunnel, int resultCode, String message) {
    }

    default void sessionUp(SessionInfo session) {
    }

    /** {@code resultCode} and {@code message} are those of the CDN sent or received (message may be null). */
    default void sessionDown(SessionInfo session, int resultCode, String message) {
    }

    /**
     * As {@link #sessionDown(SessionInfo, int, String)}, saying who ended the call. The daemon calls this one; the
     * default passes it on to the three-argument method.
     */
    default void sessionDown(SessionInfo session, int resultCode, String message, SessionEnd end) {
        sessionDown(session, resultCode, message);
    }
}
