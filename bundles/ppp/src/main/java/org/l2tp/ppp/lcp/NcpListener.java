package org.l2tp.ppp.lcp;

/** What an NCP (IPCP, IPv6CP) tells the link coordinator. */
public interface NcpListener<R> {
    /** This-Layer-Up with the negotiated values. */
    void up(R result);

    /** This-Layer-Down. */
    void down();

    /** This-Layer-Finished. */
    void finished(String reason);
}
