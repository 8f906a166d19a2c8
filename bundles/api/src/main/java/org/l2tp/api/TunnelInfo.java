package org.l2tp.api;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A snapshot of one control connection.
 *
 * @param localId      our Tunnel ID (the one the peer puts in its headers)
 * @param peerId       the peer's Tunnel ID (0 until its SCCRQ or SCCRP is read)
 * @param state        the RFC 2661 section 7.2 state
 * @param initiator    whether we sent the SCCRQ
 * @param local        our UDP address
 * @param peer         the peer's UDP address
 * @param peerHostName the Host Name AVP the peer sent, or null
 * @param peerName     the name of the peer configuration this tunnel belongs to, or null for an unconfigured peer
 * @param sessions     the number of sessions on this tunnel
 * @param created      when the tunnel was created
 * @param counters     the control-plane counters
 * @param data         the data plane's counters for the tunnel (zero without a kernel data plane)
 */
public record TunnelInfo(int localId, int peerId, TunnelState state, boolean initiator, InetSocketAddress local,
                         InetSocketAddress peer, String peerHostName, String peerName, int sessions, Instant created,
                         ControlCounters counters, org.l2tp.api.dataplane.DataCounters data) {
}
