package org.l2tp.ppp.lcp;

import java.net.Inet4Address;

/**
 * What IPCP agreed on. {@code dns1}/{@code dns2}: learned from the peer when we asked for them, otherwise the ones
 * we gave the peer, null when none.
 */
public record IpcpResult(Inet4Address local, Inet4Address peer, Inet4Address dns1, Inet4Address dns2) {
}
