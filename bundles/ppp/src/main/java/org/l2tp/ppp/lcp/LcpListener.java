package org.l2tp.ppp.lcp;

/** What LCP tells the link coordinator. */
public interface LcpListener {
    /** This-Layer-Up: the link is established (RFC 1661 phase Authenticate next). */
    void up(LcpResult r);

    /** This-Layer-Down: leaving Opened; the NCPs and authentication go down with it. */
    void down();

    /** This-Layer-Finished: the link is no longer needed; {@code reason} for logs and the disconnect cause. */
    void finished(String reason);

    /** The peer sent a Protocol-Reject for {@code protocol} (RFC 1661 5.7): stop sending it. */
    void protocolRejected(int protocol);
}
