package org.l2tp.api.aaa;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether a peer may connect. Asynchronous, so that a RADIUS round trip never blocks the PPP loop: the
 * engine goes on with other links and finishes this one when the stage completes. Services carry the property
 * {@link #NAME_PROPERTY} ({@code local}, {@code radius}); a PPP profile names the one it uses.
 */
@ConsumerType
public interface Authenticator {
    String NAME_PROPERTY = "org.l2tp.aaa";

    CompletionStage<AuthResult> authenticate(AuthRequest request);

    /**
     * A session this provider accepted has its network up (its first NCP opened): accounting starts here. Called
     * on the engine's loop: return quickly.
     */
    default void sessionStarted(AaaSession session) {
    }

    /**
     * A session {@link #sessionStarted started} has ended; {@code session.counters()} are its last counters.
     * Called on the engine's loop: return quickly.
     *
     * @param end    how PPP ended on its own (idle, session timeout, the peer's Terminate-Request, echo ...), or
     *               null when it was stopped from outside (the L2TP call or tunnel ended, an operator, a
     *               Disconnect-Request)
     * @param reason a text for the log
     */
    default void sessionEnded(AaaSession session, org.l2tp.api.ppp.PppEnd end, String reason) {
    }
}
