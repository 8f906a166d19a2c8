package org.l2tp.api.ppp;

/**
 * What an operator sees of a session's PPP, the same for either engine.
 *
 * @param engine        {@code pppd} or {@code inprocess}
 * @param interfaceName the network interface (l2tpT-S, ppp0, ...), or null before there is one
 * @param localAddress  our IPv4 address on the link, or null
 * @param peerAddress   the peer's IPv4 address on the link, or null
 * @param user          the name the peer authenticated as (or we authenticated as, on a client), or null
 * @param authMethod    pap, chap, mschap-v2, none, or null when not known (pppd does not tell)
 * @param state         the protocols' states, e.g. "LCP opened, IPCP opened, IPv6CP opened"
 * @param pid           pppd's process id, or 0 for the in-process engine
 */
public record PppInfo(String engine, String interfaceName, String localAddress, String peerAddress, String user,
                      String authMethod, String state, long pid) {
}
