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
 */
public record SessionParameters(int localTunnelId, int peerTunnelId, int localSessionId, int peerSessionId,
                                boolean lns, boolean sequencing, String pppProfile) {
}
