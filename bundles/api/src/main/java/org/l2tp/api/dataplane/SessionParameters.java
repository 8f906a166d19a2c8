package org.l2tp.api.dataplane;

/**
 * What the data plane needs to know of an established session.
 *
 * @param localTunnelId  our Tunnel ID
 * @param peerTunnelId   the peer's Tunnel ID
 * @param localSessionId our Session ID
 * @param peerSessionId  the peer's Session ID
 * @param lns            whether we are the LNS of this call
 * @param sequencing     whether data messages carry Ns/Nr (Sequencing Required AVP, or configuration)
 * @param pppProfile     the PPP profile's name, or null for the default
 * @param call           what the call's messages said of it and its tunnel, for AAA (RADIUS NAS and tunnel
 *                       attributes); {@link Call#NONE} when unknown
 */
public record SessionParameters(int localTunnelId, int peerTunnelId, int localSessionId, int peerSessionId,
                                boolean lns, boolean sequencing, String pppProfile, Call call) {

    public SessionParameters {
        call = call == null ? Call.NONE : call;
    }

    /** 0.4.0's shape: nothing known of the call. */
    public SessionParameters(int localTunnelId, int peerTunnelId, int localSessionId, int peerSessionId,
                             boolean lns, boolean sequencing, String pppProfile) {
        this(localTunnelId, peerTunnelId, localSessionId, peerSessionId, lns, sequencing, pppProfile, Call.NONE);
    }

    /**
     * @param callSerial    the Call Serial Number AVP, or 0
     * @param callingNumber the Calling Number AVP, or null
     * @param calledNumber  the Called Number AVP, or null
     * @param peerAddress   the tunnel peer's IP address (text), or null
     * @param localAddress  our tunnel endpoint's IP address (text), or null
     * @param peerHostName  the peer's Host Name AVP, or null
     * @param localHostName our Host Name AVP, or null
     */
    public record Call(long callSerial, String callingNumber, String calledNumber, String peerAddress,
                       String localAddress, String peerHostName, String localHostName) {
        public static final Call NONE = new Call(0, null, null, null, null, null, null);
    }
}
