package org.l2tp.ppp.lcp;

/** The Interface-Identifiers IPv6CP agreed on (RFC 5072 4.1); the peer's is 0 if it sent none. */
public record Ipv6cpResult(long localId, long peerId) {
}
