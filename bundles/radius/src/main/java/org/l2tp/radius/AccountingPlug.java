package org.l2tp.radius;

import org.l2tp.api.L2tpListener;
import org.l2tp.api.aaa.AaaSession;
import org.l2tp.api.ppp.PppEnd;

/**
 * The accounting part (RFC 2866, 2867; package org.l2tp.radius.acct) as {@link RadiusComponent} drives it: the
 * component is the registered Authenticator and L2tpListener and forwards the session events here (the L2TP events
 * tell how a session stopped from outside ended: Acct-Terminate-Cause). The L2tpListener methods are called on the
 * daemon's loop: return quickly. The transport's {@code max.in.flight} is shared with authentication: a queue that
 * drains after an outage should not take all of it.
 */
public interface AccountingPlug extends L2tpListener, AutoCloseable {
    /** {@link org.l2tp.api.aaa.Authenticator#sessionStarted}: on the engine's loop, return quickly. */
    void sessionStarted(AaaSession session);

    /** {@link org.l2tp.api.aaa.Authenticator#sessionEnded}: on the engine's loop, return quickly. */
    void sessionEnded(AaaSession session, PppEnd end, String reason);

    /** The NAS settings changed (applied live). */
    default void configure(NasSettings nas) {
    }

    /** The server list changed: e.g. the first accounting server appeared (Accounting-On). */
    default void serversChanged() {
    }

    /** Accounting requests waiting for a server. */
    long queued();

    /** Accounting requests given up. */
    long dropped();

    /** Accounting-Off (waiting at most a few seconds), then stops. Before the transport closes. */
    @Override
    void close();
}
