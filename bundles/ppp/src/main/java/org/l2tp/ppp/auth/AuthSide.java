package org.l2tp.ppp.auth;

import org.l2tp.ppp.frame.ControlPacket;

/**
 * One role of one authentication protocol on one link: the authenticator (we demand proof of the peer) or the client
 * (the peer demands it of us). All methods run on the link's thread. Each side reports exactly one verdict to its
 * {@link AuthListener}; afterwards it only answers retransmissions. A side ignores the codes of the other role, so
 * the link may hand every PAP or CHAP packet to both sides.
 */
public interface AuthSide {
    /** Begins: the CHAP authenticator sends its Challenge, the PAP client its Authenticate-Request. */
    void start();

    /** A PAP (0xC023) or CHAP (0xC223) packet from the peer; malformed ones are silently discarded. */
    void receive(ControlPacket p);

    /** Cancels timers and ignores what comes later, an AAA answer included; idempotent; no listener call. */
    void stop();

    /** Packets discarded as malformed or unexpected (wrong Identifier, wrong Value-Size, ...), for counters. */
    default long discarded() {
        return 0;
    }
}
