package org.l2tp.api;

import java.time.Instant;

/**
 * A snapshot of one session (call).
 *
 * @param tunnelId      our Tunnel ID of the session's tunnel
 * @param localId       our Session ID
 * @param peerId        the peer's Session ID (0 until it is known)
 * @param state         the RFC 2661 section 7.4/7.5 state
 * @param lac           whether we are the LAC for this call (else the LNS)
 * @param outgoing      whether this is an outgoing call (OCRQ), else incoming (ICRQ)
 * @param callSerial    the Call Serial Number
 * @param callingNumber the Calling Number, or null
 * @param calledNumber  the Called Number, or null
 * @param interfaceName the data plane's interface for this session (e.g. ppp0), or null
 * @param created       when the session was created
 * @param data          the data plane's counters for the session (zero without a kernel data plane)
 * @param ppp           the session's PPP as its engine (pppd or the in-process one) reports it: interface,
 *                      addresses, the authenticated user, state; null when there is no data session, no PPP on it
 *                      (a data plane that carries none), or the engine could not tell
 */
public record SessionInfo(int tunnelId, int localId, int peerId, SessionState state, boolean lac, boolean outgoing,
                          long callSerial, String callingNumber, String calledNumber, String interfaceName,
                          Instant created, org.l2tp.api.dataplane.DataCounters data,
                          org.l2tp.api.ppp.PppInfo ppp) {
}
