package org.l2tp.ppp.lcp;

import java.net.Inet4Address;

/**
 * What IPCP negotiates (RFC 1332, RFC 1877).
 *
 * @param local      our address; null on a client: ask with 0.0.0.0 and take the peer's Nak
 * @param peer       the address to give the peer; null on a client: accept what the peer says about itself
 * @param dns1       primary DNS to give on request (option 129); null: Reject that option
 * @param dns2       secondary DNS (option 131); null: Reject it
 * @param requestDns a client asks for 129/131
 */
public record IpcpConfig(Inet4Address local, Inet4Address peer, Inet4Address dns1, Inet4Address dns2,
                         boolean requestDns) {
}
