package org.l2tp.api.aaa;

/**
 * One configured RADIUS server as the client sees it.
 *
 * @param name            its configuration name
 * @param address         host or address
 * @param authPort        the authentication port, 0 when not used for authentication
 * @param acctPort        the accounting port, 0 when not used for accounting
 * @param priority        lower is asked first
 * @param state           "up", "dead (retry in N s)" and the like
 * @param requests        requests sent (first transmissions)
 * @param retransmissions retransmissions
 * @param accepts         Access-Accepts
 * @param rejects         Access-Rejects
 * @param timeouts        requests this server never answered (after every retransmission)
 * @param accountingAcks  Accounting-Responses
 * @param badResponses    responses dropped: wrong authenticator, no or wrong Message-Authenticator, malformed,
 *                        unknown identifier
 * @param inFlight        requests waiting for this server now
 */
public record RadiusServerInfo(String name, String address, int authPort, int acctPort, int priority, String state,
                               long requests, long retransmissions, long accepts, long rejects, long timeouts,
                               long accountingAcks, long badResponses, int inFlight) {
}
