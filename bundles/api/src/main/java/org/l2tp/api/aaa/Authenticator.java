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
}
