package org.l2tp.api.aaa;

/**
 * The L2TP call an authentication is for, for NAS and tunnel attributes (RFC 2865, RFC 2868).
 *
 * @param localTunnelId  our Tunnel ID
 * @param localSessionId our Session ID
 * @param callSerial     the Call Serial Number, or 0
 * @param callingNumber  the Calling Number AVP, or null
 * @param calledNumber   the Called Number AVP, or null
 * @param peerAddress    the tunnel peer's IP address (text), or null
 * @param localAddress   our tunnel endpoint's IP address (text), or null
 * @param profile        the PPP profile's name
 */
public record SessionContext(int localTunnelId, int localSessionId, long callSerial, String callingNumber,
                             String calledNumber, String peerAddress, String localAddress, String profile) {
}
