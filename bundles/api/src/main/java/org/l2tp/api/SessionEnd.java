package org.l2tp.api;

/** Who ended a call (RFC 2661 section 5.7): for accounting's terminate cause. */
public enum SessionEnd {
    /** We did: an operator, an AAA server's Disconnect, our data plane or PPP (our CDN, or no CDN before one was due). */
    LOCAL,
    /** The peer's CDN. */
    PEER,
    /** The tunnel ended under the call (a StopCCN or a dead peer: no CDN, section 5.7). */
    TUNNEL
}
