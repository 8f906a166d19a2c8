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
 * @param peerHostName   the LAC's (peer's) Host Name AVP, or null (RFC 2868 Tunnel-Client-Auth-ID)
 * @param localHostName  our Host Name AVP, or null (RFC 2868 Tunnel-Server-Auth-ID)
 */
public record SessionContext(int localTunnelId, int localSessionId, long callSerial, String callingNumber,
                             String calledNumber, String peerAddress, String localAddress, String profile,
                             String peerHostName, String localHostName) {

    /** Without host names (0.1.0's shape). */
    public SessionContext(int localTunnelId, int localSessionId, long callSerial, String callingNumber,
                          String calledNumber, String peerAddress, String localAddress, String profile) {
        this(localTunnelId, localSessionId, callSerial, callingNumber, calledNumber, peerAddress, localAddress,
                profile, null, null);
    }

    /** One number for the call across the daemon: our Tunnel ID and Session ID (RADIUS NAS-Port). */
    public long port() {
        return ((long) localTunnelId << 16) | localSessionId;
    }
}
