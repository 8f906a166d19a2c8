package org.l2tp.radius.client;

import java.util.concurrent.CompletionStage;

import org.aaa4j.radius.core.packet.Packet;

/**
 * Sends RADIUS requests to the configured servers of one role, in priority order, with retransmissions and
 * fail-over (a server that never answered is skipped for its dead time). Never blocks: the stage completes on the
 * transport's own thread.
 */
public interface RadiusTransport {
    enum Role { AUTH, ACCT }

    /**
     * Sends {@code request} (Access-Request or Accounting-Request; the transport adds Message-Authenticator to
     * Access-Requests and fills identifiers and authenticators per server). Completes with a response whose Response
     * Authenticator, and for Access-* Message-Authenticator (RFC 3579, required), were verified against the request;
     * exceptionally with {@link RadiusTimeoutException} when no server of that role answered, or
     * {@link java.util.concurrent.RejectedExecutionException} when too many requests are in flight.
     */
    CompletionStage<Packet> send(Role role, Packet request);

    /** Whether at least one server is configured for that role. */
    boolean hasServers(Role role);
}
